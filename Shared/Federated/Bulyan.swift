/// Flower's `Bulyan` (El Mhamdi et al., 2018) with Krum as its first rule: Krum is applied θ = n − 2f times, each
/// time moving the chosen client from the pool to a selection; then per coordinate the β = θ − 2f selected values
/// closest to the selection's median are averaged, unweighted. Needs n ≥ 4f + 3.
public struct Bulyan: AggregationStrategy {
    /// f, the number of Byzantine clients to tolerate (Flower's `num_malicious_clients`, default 0).
    public let numMaliciousClients: Int

    /// Creates the strategy with Flower's default.
    /// - Throws: ``AggregationError`` `.invalidSetting` for a negative count.
    public init(numMaliciousClients: Int = 0) throws(AggregationError) {
        guard numMaliciousClients >= 0 else {
            throw AggregationError(.invalidSetting, "num_malicious_clients \(numMaliciousClients) must be ≥ 0")
        }
        self.numMaliciousClients = numMaliciousClients
    }

    /// Bulyan over Krum; see ``AggregationStrategy/aggregate(_:in:)``.
    /// - Throws: also ``AggregationError`` `.tooFewClients` when n < 4f + 3.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: round.global)
        let malicious = numMaliciousClients
        guard updates.count >= 4 * malicious + 3 else {
            throw AggregationError(
                .tooFewClients,
                "Bulyan needs n ≥ 4f + 3 = \(4 * malicious + 3) clients for f = \(malicious), got \(updates.count)"
            )
        }
        let theta = updates.count - 2 * malicious
        let beta = theta - 2 * malicious
        var pool = updates
        var selected: [ClientUpdate] = []
        for _ in 0..<theta {
            let chosen = Krum.lowest(Krum.scores(pool, numMalicious: malicious))
            selected.append(pool.remove(at: chosen))
        }
        return CoordinateColumns.map(selected, layout: round.global) { column in
            let values = Array(column)
            let median = CoordinateColumns.median(column)
            let closest = values.indices.sorted {
                (abs(values[$0] - median), $0) < (abs(values[$1] - median), $1)
            }
            return CoordinateColumns.mean(closest.prefix(beta).map { values[$0] }, count: beta)
        }
    }
}
