/// Flower's `FedAvgM`: FedAvg followed by a server step with momentum (Hsu et al., 2019). With the pseudo-gradient
/// `g = w_global − fedavg`, the server keeps `m ← momentum · m + g` (m = g in its first round) and sets
/// `w ← w_global − serverLearningRate · m`. With `serverMomentum` 0 and `serverLearningRate` 1 it is FedAvg.
public struct FedAvgM: AggregationStrategy {
    /// Server learning rate (Flower's `server_learning_rate`, default 1.0).
    public let serverLearningRate: Double
    /// Server momentum (Flower's `server_momentum`, default 0.0).
    public let serverMomentum: Double
    private var momentum: [[Double]]?

    /// Creates the strategy with Flower's defaults.
    /// - Throws: ``AggregationError`` `.invalidSetting` for a non-finite or negative rate or momentum.
    public init(serverLearningRate: Double = 1.0, serverMomentum: Double = 0.0) throws(AggregationError) {
        guard serverLearningRate.isFinite, serverLearningRate >= 0, serverMomentum.isFinite, serverMomentum >= 0 else {
            throw AggregationError(
                .invalidSetting,
                "server_learning_rate \(serverLearningRate) and server_momentum \(serverMomentum) must be finite, ≥ 0"
            )
        }
        self.serverLearningRate = serverLearningRate
        self.serverMomentum = serverMomentum
    }

    /// FedAvg, then the momentum step from `round.global`; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        let average = try WeightedAverage.mean(of: updates, global: round.global)
        // Flower skips the server step entirely when it would be the identity.
        guard serverMomentum != 0 || serverLearningRate != 1 else { return average }
        let global = round.global.layers
        var gradient = zip(global, average.layers).map { current, averaged in
            zip(current.values, averaged.values).map { Double($0 - $1) }
        }
        if serverMomentum > 0 {
            if let previous = momentum {
                guard previous.map(\.count) == gradient.map(\.count) else {
                    throw AggregationError(.stateMismatch, "momentum was built for another model layout")
                }
                gradient = zip(previous, gradient).map { past, now in
                    zip(past, now).map { serverMomentum * $0 + $1 }
                }
            }
            momentum = gradient
        }
        let layers = zip(global, gradient).map { current, step in
            current.replacingValues(zip(current.values, step).map { Float(Double($0) - serverLearningRate * $1) })
        }
        return ModelParameters(checkedLayers: layers)
    }
}
