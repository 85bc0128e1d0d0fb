/// Flower's `FedAdagrad`: FedAvg's pseudo-gradient applied with an Adagrad server step (Reddi et al., 2021);
/// β₁ = β₂ = 0 as in Flower, so the step is `η Δ / (√(Σ Δ²) + τ)`. Server state is kept across rounds.
public struct FedAdagrad: AggregationStrategy {
    private var optimizer: AdaptiveServerOptimizer

    /// Creates the strategy with Flower's defaults.
    /// - Parameters:
    ///   - eta: server learning rate (`eta`, default 0.1).
    ///   - etaL: client learning rate (`eta_l`, default 0.1); Flower stores it and so does this type.
    ///   - tau: adaptivity (`tau`, default 1e-9).
    /// - Throws: ``AggregationError`` `.invalidSetting` for an out-of-range setting.
    public init(eta: Double = 1e-1, etaL: Double = 1e-1, tau: Double = 1e-9) throws(AggregationError) {
        optimizer = try AdaptiveServerOptimizer(rule: .adagrad, eta: eta, etaL: etaL, beta1: 0, beta2: 0, tau: tau)
    }

    /// The client learning rate `eta_l`.
    public var etaL: Double { optimizer.etaL }

    /// FedAvg, then the Adagrad server step; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try optimizer.aggregate(updates, in: round)
    }
}
