/// The example-weighted mean of updates that arrive one at a time (as they do over MQTT): each update is added in
/// place to float64 sums and can be dropped at once, so memory is one float64 copy of the model whatever the number
/// of clients. The result equals ``WeightedAverage`` (FedAvg) for the same updates.
public struct WeightedAverageAccumulator: Sendable {
    private let layout: ModelParameters
    private var sums: [[Double]]
    private var totalExamples = 0.0

    /// The number of updates added so far.
    public private(set) var clientCount = 0

    /// Creates an empty accumulator for models laid out as `global`.
    public init(global: ModelParameters) {
        layout = global
        sums = global.layers.map { [Double](repeating: 0, count: $0.values.count) }
    }

    /// Adds one update, weighted by its example count.
    /// - Throws: ``AggregationError`` `.zeroExamples`, `.layerMismatch`, `.shapeMismatch`, `.nonFiniteValue`; the
    ///   accumulator is unchanged then.
    public mutating func add(_ update: ClientUpdate) throws(AggregationError) {
        try [update].validate(against: layout)
        let weight = Double(update.exampleCount)
        for index in sums.indices {
            update.parameters.layers[index].values.withUnsafeBufferPointer { values in
                sums[index].withUnsafeMutableBufferPointer { target in
                    WeightedSum.accumulate(values, weight: weight, into: target)
                }
            }
        }
        totalExamples += weight
        clientCount += 1
    }

    /// The weighted mean of the updates added so far.
    /// - Throws: ``AggregationError`` `.noClients` when none was added.
    public func mean() throws(AggregationError) -> ModelParameters {
        guard clientCount > 0 else { throw AggregationError(.noClients, "no client updates were added") }
        var layers = layout.layers
        for index in layers.indices {
            layers[index].values = sums[index].map { Float($0 / totalExamples) }
        }
        return ModelParameters(checkedLayers: layers)
    }
}
