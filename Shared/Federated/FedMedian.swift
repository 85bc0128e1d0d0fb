/// Flower's `FedMedian`: the coordinate-wise median of the clients' parameters, unweighted (Yin et al., 2018); for
/// an even number of clients the mean of the two middle values, as numpy's median.
public struct FedMedian: AggregationStrategy {
    /// Creates the strategy; it has no settings.
    public init() {}

    /// The coordinate-wise median; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: round.global)
        return CoordinateColumns.map(updates, layout: round.global, CoordinateColumns.median)
    }
}
