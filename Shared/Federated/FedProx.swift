/// Flower's `FedProx`: on the server exactly FedAvg; the proximal term `μ/2 · ‖w − w_global‖²` is added to the loss
/// by each client, which reads `proximal_mu` from the round config (Li et al., 2020).
public struct FedProx: AggregationStrategy {
    /// Weight μ of the proximal term clients add to their loss; 0 makes FedProx FedAvg.
    public let proximalMu: Double

    /// Creates the strategy.
    /// - Throws: ``AggregationError`` `.invalidSetting` when `proximalMu` is negative or not finite.
    public init(proximalMu: Double) throws(AggregationError) {
        guard proximalMu.isFinite, proximalMu >= 0 else {
            throw AggregationError(.invalidSetting, "proximal_mu \(proximalMu) must be finite and ≥ 0")
        }
        self.proximalMu = proximalMu
    }

    /// The settings sent to clients with each round, under Flower's key: `["proximal_mu": μ]`.
    public var roundConfig: [String: Double] { ["proximal_mu": proximalMu] }

    /// The example-weighted mean of `updates`, as FedAvg; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try WeightedAverage.mean(of: updates, global: round.global)
    }
}
