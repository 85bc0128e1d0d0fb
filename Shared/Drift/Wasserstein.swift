/// The first Wasserstein (earth mover's) distance between two one-dimensional distributions, as
/// `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`: `∫ |U(x) − V(x)| dx` over the empirical CDFs.
public enum Wasserstein {
    /// The distance between `u` and `v`, each value weighted by its weight (all weights 1 when nil).
    /// - Throws: `.empty` for an empty sample or weights summing to 0, `.mismatch` when a weight vector's length
    ///   differs from its sample's, `.notFinite` for a NaN or infinite value or weight, `.invalid` for a negative
    ///   weight.
    public static func distance(
        _ u: [Double],
        _ v: [Double],
        uWeights: [Double]? = nil,
        vWeights: [Double]? = nil
    ) throws(DriftError) -> Double {
        let first = try WeightedSample(u, uWeights, "u")
        let second = try WeightedSample(v, vWeights, "v")
        var all = first.values + second.values
        all.sort()
        var (i, j) = (0, 0)
        var total = 0.0
        for index in 0..<(all.count - 1) {
            let value = all[index]
            while i < first.values.count, first.values[i] <= value { i += 1 }
            while j < second.values.count, second.values[j] <= value { j += 1 }
            let gap = all[index + 1] - value
            total += abs(first.cdf(i) - second.cdf(j)) * gap
        }
        return total
    }
}

/// A sample sorted by value with its cumulative weights, as scipy's `_cdf_distance` builds it.
struct WeightedSample {
    /// Values in ascending order.
    let values: [Double]
    /// `cumulative[i]` = weight of the first `i` values; nil when unweighted.
    private let cumulative: [Double]?

    init(_ values: [Double], _ weights: [Double]?, _ name: String) throws(DriftError) {
        guard !values.isEmpty else { throw DriftError(.empty, "wasserstein: \(name) is empty") }
        guard values.allSatisfy(\.isFinite) else {
            throw DriftError(.notFinite, "wasserstein: a value of \(name) is NaN or infinite")
        }
        guard let weights else {
            self.values = values.sorted()
            cumulative = nil
            return
        }
        guard weights.count == values.count else {
            throw DriftError(.mismatch, "wasserstein: \(weights.count) weights for \(values.count) values of \(name)")
        }
        guard weights.allSatisfy(\.isFinite) else {
            throw DriftError(.notFinite, "wasserstein: a weight of \(name) is NaN or infinite")
        }
        guard weights.allSatisfy({ $0 >= 0 }) else {
            throw DriftError(.invalid, "wasserstein: a weight of \(name) is negative")
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var sums = [0.0]
        sums.reserveCapacity(values.count + 1)
        for index in order { sums.append(sums[sums.count - 1] + weights[index]) }
        guard sums[sums.count - 1] > 0 else { throw DriftError(.empty, "wasserstein: weights of \(name) sum to 0") }
        self.values = order.map { values[$0] }
        cumulative = sums
    }

    /// The CDF after the first `count` values.
    func cdf(_ count: Int) -> Double {
        guard let cumulative else { return Double(count) / Double(values.count) }
        return cumulative[count] / cumulative[cumulative.count - 1]
    }
}
