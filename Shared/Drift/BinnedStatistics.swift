/// Kolmogorov–Smirnov and Wasserstein-1 from two histograms on the same bins, for summaries whose raw values are
/// gone. Each comes with a bound on the distance to the value the raw samples would give.
///
/// Histograms are given as counts per bin, in order, on bins whose boundaries are `positions` (`counts.count + 1`
/// increasing values; the outer ones may be the extremes observed, for underflow and overflow bins).
public enum BinnedStatistics {
    /// A binned statistic and the interval the raw-sample statistic lies in.
    public struct Estimate: Sendable, Equatable {
        /// The statistic computed from the histograms.
        public var statistic: Double
        /// The raw-sample statistic is at least this.
        public var lowerBound: Double
        /// The raw-sample statistic is at most this.
        public var upperBound: Double
    }

    /// KS from binned CDFs: `D_b = max over boundaries |F₁ − F₂|`. Inside bin `i`, with `Δ` the difference at its left
    /// boundary and `pᵢ, qᵢ` the two shares in it, the difference stays in `[Δ − qᵢ, Δ + pᵢ]`, so the raw statistic is
    /// in `[D_b, maxᵢ max(|Δ + pᵢ|, |Δ − qᵢ|)]` (tight: the ends are reached when the values sit at the bin's ends).
    /// - Throws: `.mismatch` for histograms of different lengths, `.empty` when one has no counts.
    public static func kolmogorovSmirnov(_ first: [UInt64], _ second: [UInt64]) throws(DriftError) -> Estimate {
        let (p, q) = try shares(first, second)
        var (difference, statistic, upper) = (0.0, 0.0, 0.0)
        for index in p.indices {
            upper = Swift.max(upper, abs(difference + p[index]), abs(difference - q[index]))
            difference += p[index] - q[index]
            statistic = Swift.max(statistic, abs(difference))
        }
        return Estimate(statistic: statistic, lowerBound: statistic, upperBound: Swift.max(upper, statistic))
    }

    /// Wasserstein-1 between the histograms with each bin's mass at its midpoint. Moving a value to its bin's midpoint
    /// moves it by at most half the bin's width `wᵢ`, so the raw distance is within `Σᵢ (pᵢ + qᵢ)·wᵢ/2` of it.
    /// - Throws: `.mismatch` when `positions` is not `counts.count + 1` long, `.invalid` when it is not finite and
    ///   non-decreasing, `.empty` when a histogram has no counts.
    public static func wasserstein(
        _ first: [UInt64],
        _ second: [UInt64],
        positions: [Double]
    ) throws(DriftError) -> Estimate {
        let (p, q) = try shares(first, second)
        guard positions.count == p.count + 1 else {
            throw DriftError(.mismatch, "binned wasserstein: \(positions.count) boundaries for \(p.count) bins")
        }
        guard positions.allSatisfy(\.isFinite), zip(positions, positions.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw DriftError(.invalid, "binned wasserstein: boundaries not finite and non-decreasing")
        }
        let midpoints = p.indices.map { (positions[$0] + positions[$0 + 1]) / 2 }
        var (cumulative, distance, bound) = (0.0, 0.0, 0.0)
        for index in p.indices {
            bound += (p[index] + q[index]) * (positions[index + 1] - positions[index]) / 2
            cumulative += p[index] - q[index]
            if index + 1 < p.count { distance += abs(cumulative) * (midpoints[index + 1] - midpoints[index]) }
        }
        return Estimate(
            statistic: distance,
            lowerBound: Swift.max(0, distance - bound),
            upperBound: distance + bound
        )
    }

    /// Both histograms as shares of their totals.
    static func shares(_ first: [UInt64], _ second: [UInt64]) throws(DriftError) -> ([Double], [Double]) {
        guard first.count == second.count else {
            throw DriftError(.mismatch, "binned statistic: \(first.count) bins vs \(second.count)")
        }
        let firstTotal = first.reduce(0.0) { $0 + Double($1) }
        let secondTotal = second.reduce(0.0) { $0 + Double($1) }
        guard firstTotal > 0, secondTotal > 0 else {
            throw DriftError(.empty, "binned statistic: a histogram is empty")
        }
        return (first.map { Double($0) / firstTotal }, second.map { Double($0) / secondTotal })
    }
}
