/// Flower's `FedAdam`: FedAvg's pseudo-gradient applied with an Adam server step (Reddi et al., 2021), bias-corrected
/// with Flower's exponent `round + 1`. Server state is kept across rounds.
public struct FedAdam: AggregationStrategy {
    private var optimizer: AdaptiveServerOptimizer

    /// Creates the strategy with Flower's defaults.
    /// - Parameters:
    ///   - eta: server learning rate (`eta`, default 0.1).
    ///   - etaL: client learning rate (`eta_l`, default 0.1); stored, as Flower does.
    ///   - beta1: first-moment decay (`beta_1`, default 0.9), in [0, 1).
    ///   - beta2: second-moment decay (`beta_2`, default 0.99), in [0, 1).
    ///   - tau: adaptivity (`tau`, default 1e-9).
    /// - Throws: ``AggregationError`` `.invalidSetting` for an out-of-range setting.
    public init(
        eta: Double = 1e-1,
        etaL: Double = 1e-1,
        beta1: Double = 0.9,
        beta2: Double = 0.99,
        tau: Double = 1e-9
    ) throws(AggregationError) {
        optimizer = try AdaptiveServerOptimizer(
            rule: .adam,
            eta: eta,
            etaL: etaL,
            beta1: beta1,
            beta2: beta2,
            tau: tau
        )
    }

    /// The client learning rate `eta_l`.
    public var etaL: Double { optimizer.etaL }

    /// FedAvg, then the Adam server step; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try optimizer.aggregate(updates, in: round)
    }
}
