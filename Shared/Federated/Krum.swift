/// Flower's `Krum` and Multi-Krum (Blanchard et al., 2017). Each client's score is the sum of squared L2 distances to
/// its `n − f − 2` nearest other clients (at least 1); Krum returns the parameters of the client with the lowest
/// score, Multi-Krum the example-weighted mean (FedAvg) of the `numClientsToKeep` lowest-scoring clients.
public struct Krum: AggregationStrategy {
    /// f, the number of Byzantine clients to tolerate (Flower's `num_malicious_clients`, default 0).
    public let numMaliciousClients: Int
    /// Clients averaged by Multi-Krum (Flower's `num_clients_to_keep`, default 0 = plain Krum).
    public let numClientsToKeep: Int

    /// Creates the strategy with Flower's defaults.
    /// - Throws: ``AggregationError`` `.invalidSetting` for a negative count.
    public init(numMaliciousClients: Int = 0, numClientsToKeep: Int = 0) throws(AggregationError) {
        guard numMaliciousClients >= 0, numClientsToKeep >= 0 else {
            throw AggregationError(
                .invalidSetting,
                "num_malicious_clients \(numMaliciousClients) and num_clients_to_keep \(numClientsToKeep) must be ≥ 0"
            )
        }
        self.numMaliciousClients = numMaliciousClients
        self.numClientsToKeep = numClientsToKeep
    }

    /// Krum or Multi-Krum; see ``AggregationStrategy/aggregate(_:in:)``.
    /// - Throws: also ``AggregationError`` `.tooFewClients` when f > 0 and n < 2f + 3 (Krum's guarantee needs it;
    ///   Flower runs regardless), or when n < `numClientsToKeep`.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: round.global)
        let count = updates.count
        guard numMaliciousClients == 0 || count >= 2 * numMaliciousClients + 3 else {
            throw AggregationError(
                .tooFewClients,
                "Krum needs n ≥ 2f + 3 = \(2 * numMaliciousClients + 3) clients for f = \(numMaliciousClients), got \(count)"
            )
        }
        guard count >= numClientsToKeep else {
            throw AggregationError(
                .tooFewClients,
                "Multi-Krum keeps \(numClientsToKeep) clients, got \(count)"
            )
        }
        let scores = Self.scores(updates, numMalicious: numMaliciousClients)
        if numClientsToKeep > 0 {
            let kept = scores.indices.sorted { (scores[$0], $0) < (scores[$1], $1) }.prefix(numClientsToKeep)
            return WeightedAverage.mean(of: kept.map { updates[$0] }, layout: round.global)
        }
        return updates[Self.lowest(scores)].parameters
    }

    /// The index of the lowest score, the first one on a tie (numpy's argmin).
    static func lowest(_ scores: [Double]) -> Int {
        scores.indices.min { (scores[$0], $0) < (scores[$1], $1) } ?? 0
    }

    /// Krum's score of every update: the sum of the squared distances to its `max(1, n − f − 2)` nearest others.
    static func scores(_ updates: [ClientUpdate], numMalicious: Int) -> [Double] {
        let count = updates.count
        var distances = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for first in 0..<count {
            for second in (first + 1)..<max(first + 1, count) {
                let distance = squaredDistance(updates[first].parameters, updates[second].parameters)
                distances[first][second] = distance
                distances[second][first] = distance
            }
        }
        let nearest = max(1, count - numMalicious - 2)
        return distances.indices.map { client in
            // Flower sorts the row and skips its first entry, the client's own zero distance.
            var row = distances[client]
            row.remove(at: client)
            return row.sorted().prefix(nearest).reduce(0, +)
        }
    }

    /// ‖a − b‖², over every layer: differences and squares in float32 eight at a time (as numpy's float32 norm),
    /// summed in float64.
    static func squaredDistance(_ first: ModelParameters, _ second: ModelParameters) -> Double {
        var total = 0.0
        for (left, right) in zip(first.layers, second.layers) {
            left.values.withUnsafeBufferPointer { a in
                right.values.withUnsafeBufferPointer { b in
                    total += squaredDistance(a, b)
                }
            }
        }
        return total
    }

    /// ‖a − b‖² of two equally long buffers.
    private static func squaredDistance(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
        guard let left = a.baseAddress, let right = b.baseAddress else { return 0 }
        let leftRaw = UnsafeRawPointer(left)
        let rightRaw = UnsafeRawPointer(right)
        var sums = SIMD8<Double>()
        var index = 0
        while index + 8 <= a.count {
            let difference =
                leftRaw.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
                - rightRaw.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
            sums += SIMD8<Double>(difference * difference)
            index += 8
        }
        var total = sums.sum()
        while index < a.count {
            let difference = left[index] - right[index]
            total += Double(difference * difference)
            index += 1
        }
        return total
    }
}
