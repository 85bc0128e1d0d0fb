/// Flower's `aggregate`: the example-weighted mean of the clients' parameters,
/// `Σ (n_k × w_k) / Σ n_k`, summed in float64 and rounded once to float32.
///
/// All updates are held by the caller; the mean is taken in blocks of coordinates so that the float64 sums stay in
/// cache while each client's slice is read once: memory traffic is the updates' bytes and nothing else, and nothing is
/// allocated per client. ``WeightedAverageAccumulator`` is the form for updates that arrive one at a time.
public enum WeightedAverage {
    /// The weighted mean of `updates` (already validated against `layout`).
    static func mean(of updates: [ClientUpdate], layout: ModelParameters) -> ModelParameters {
        let total = updates.reduce(0.0) { $0 + Double($1.exampleCount) }
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: WeightedSum.blockLength)
        defer { sums.deallocate() }
        var layers = layout.layers
        for layerIndex in layers.indices {
            let count = layers[layerIndex].values.count
            layers[layerIndex].values.withUnsafeMutableBufferPointer { output in
                var start = 0
                while start < count {
                    let length = min(WeightedSum.blockLength, count - start)
                    let block = UnsafeMutableBufferPointer(rebasing: sums[0..<length])
                    block.initialize(repeating: 0)
                    for update in updates {
                        update.parameters.layers[layerIndex].values.withUnsafeBufferPointer { values in
                            WeightedSum.accumulate(
                                UnsafeBufferPointer(rebasing: values[start..<(start + length)]),
                                weight: Double(update.exampleCount),
                                into: block
                            )
                        }
                    }
                    for index in 0..<length {
                        output[start + index] = Float(block[index] / total)
                    }
                    start += length
                }
            }
        }
        return ModelParameters(checkedLayers: layers)
    }

    /// The example-weighted mean of `updates`, checked against `global`'s layout.
    /// - Throws: ``AggregationError`` `.noClients`, `.zeroExamples`, `.layerMismatch`, `.shapeMismatch`,
    ///   `.nonFiniteValue`.
    public static func mean(
        of updates: [ClientUpdate],
        global: ModelParameters
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: global)
        return mean(of: updates, layout: global)
    }
}
