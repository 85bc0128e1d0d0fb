/// Flower's `aggregate`: the example-weighted mean of the clients' parameters,
/// `Σ (n_k × w_k) / Σ n_k`, accumulated in float64 and rounded once to float32.
///
/// All updates are held by the caller; the mean is taken in blocks of coordinates so that the float64 sums stay in
/// cache while each client's slice is read once, eight clients per pass (their products summed in float32, see
/// ``WeightedSum``): memory traffic is the updates' bytes and nothing else, and nothing is allocated per client. ``WeightedAverageAccumulator`` is the form for updates that
/// arrive one at a time.
public enum WeightedAverage {
    /// The weighted mean of `updates` (already validated against `layout`).
    static func mean(of updates: [ClientUpdate], layout: ModelParameters) -> ModelParameters {
        let total = updates.reduce(0.0) { $0 + Double($1.exampleCount) }
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: WeightedSum.blockLength)
        defer { sums.deallocate() }
        let sources = UnsafeMutableBufferPointer<UnsafePointer<Float>>.allocate(capacity: WeightedSum.groupSize)
        defer { sources.deallocate() }
        let weights = UnsafeMutableBufferPointer<Float>.allocate(capacity: WeightedSum.groupSize)
        defer { weights.deallocate() }
        let grouped = updates.count - updates.count % WeightedSum.groupSize
        var layers = layout.layers
        for layerIndex in layers.indices {
            let count = layers[layerIndex].values.count
            var start = 0
            while start < count {
                let length = min(WeightedSum.blockLength, count - start)
                let block = UnsafeMutableBufferPointer(rebasing: sums[0..<length])
                block.initialize(repeating: 0)
                var client = 0
                while client < grouped {
                    for member in 0..<WeightedSum.groupSize {
                        weights[member] = Float(updates[client + member].exampleCount)
                    }
                    withBlockPointers(updates[client..<(client + WeightedSum.groupSize)], layerIndex, start, sources) {
                        WeightedSum.accumulateGroup(
                            UnsafeBufferPointer(sources),
                            weights: UnsafeBufferPointer(weights),
                            count: length,
                            into: sums.baseAddress!
                        )
                    }
                    client += WeightedSum.groupSize
                }
                for update in updates[grouped...] {
                    update.parameters.layers[layerIndex].values.withUnsafeBufferPointer { values in
                        WeightedSum.accumulate(
                            UnsafeBufferPointer(rebasing: values[start..<(start + length)]),
                            weight: Double(update.exampleCount),
                            into: block
                        )
                    }
                }
                layers[layerIndex].values.withUnsafeMutableBufferPointer { output in
                    for index in 0..<length { output[start + index] = Float(block[index] / total) }
                }
                start += length
            }
        }
        return ModelParameters(checkedLayers: layers)
    }

    /// Runs `body` with `pointers[k]` pointing at element `start` of layer `layer` of `updates[k]`, every array
    /// pinned by nested `withUnsafeBufferPointer` calls for the duration (so no pointer escapes its scope).
    private static func withBlockPointers(
        _ updates: ArraySlice<ClientUpdate>,
        _ layer: Int,
        _ start: Int,
        _ pointers: UnsafeMutableBufferPointer<UnsafePointer<Float>>,
        _ body: () -> Void
    ) {
        guard let first = updates.first else {
            body()
            return
        }
        first.parameters.layers[layer].values.withUnsafeBufferPointer { values in
            pointers[pointers.count - updates.count] = values.baseAddress! + start
            withBlockPointers(updates.dropFirst(), layer, start, pointers, body)
        }
    }

    /// The example-weighted mean of `updates`, checked against `global`'s layout.
    ///
    /// Values are not scanned before summing: a NaN or infinity in any update makes its sum non-finite, so the mean
    /// is scanned instead, and only then are the updates searched for the culprit to name it. Finite values whose
    /// eight-client float32 partial overflows (|n × w| summed beyond 3.4e38, far outside any model's range) are
    /// refused the same way.
    /// - Throws: ``AggregationError`` `.noClients`, `.zeroExamples`, `.layerMismatch`, `.shapeMismatch`,
    ///   `.nonFiniteValue`.
    public static func mean(
        of updates: [ClientUpdate],
        global: ModelParameters
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: global, values: false)
        let result = mean(of: updates, layout: global)
        guard result.layers.allSatisfy({ $0.values.allSatisfy(\.isFinite) }) else {
            try updates.validate(against: global)
            throw AggregationError(.nonFiniteValue, "example count × value overflows float32 in the weighted sums")
        }
        return result
    }
}
