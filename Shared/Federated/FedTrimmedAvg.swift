/// Flower's `FedTrimmedAvg`: per coordinate, drop the `⌊beta · n⌋` smallest and as many largest client values and
/// average the rest, unweighted (scipy's `trim_mean`, as Flower's `_trim_mean`).
public struct FedTrimmedAvg: AggregationStrategy {
    /// Fraction cut from each end (Flower's `beta`, default 0.2), in [0, 0.5).
    public let beta: Double

    /// Creates the strategy.
    /// - Throws: ``AggregationError`` `.invalidSetting` when `beta` is outside [0, 0.5).
    public init(beta: Double = 0.2) throws(AggregationError) {
        guard (0..<0.5).contains(beta) else {
            throw AggregationError(.invalidSetting, "beta \(beta) must be in [0, 0.5)")
        }
        self.beta = beta
    }

    /// The coordinate-wise trimmed mean; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: round.global)
        let cut = Int(beta * Double(updates.count))
        let kept = updates.count - 2 * cut
        return CoordinateColumns.map(updates, layout: round.global) { column in
            var column = column
            column.sort()
            return CoordinateColumns.mean(column[cut..<(cut + kept)], count: kept)
        }
    }
}
