/// Flower's `FedAvg`: the new global model is the clients' parameters averaged with weights proportional to their
/// example counts (McMahan et al., 2017).
public struct FedAvg: AggregationStrategy {
    /// Creates the strategy; it has no settings of its own on the server.
    public init() {}

    /// The example-weighted mean of `updates`; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try WeightedAverage.mean(of: updates, global: round.global)
    }
}
