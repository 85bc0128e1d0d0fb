/// A mergeable summary of one feature's values over an interval: a histogram on fixed bin edges with an underflow and
/// an overflow bin, the count, mean and sum of squared deviations (merged by Chan et al.'s pairwise formula), the
/// extremes and a ``QuantileSketch``. Raw values are not kept.
///
/// Bins are `[e₀, e₁), [e₁, e₂), …, [e_{k−1}, e_k]` (the last one closed, as `numpy.histogram`); values below `e₀` go
/// to the underflow bin, values above `e_k` to the overflow bin. Non-finite values are counted apart and enter nothing
/// else.
public struct DistributionSummary: Sendable, Equatable {
    /// Most bin edges a summary may have.
    public static let maxEdges = 4_097

    /// Bin edges, finite and strictly increasing, 2...``maxEdges`` of them.
    public let binEdges: [Double]
    /// `binEdges.count + 1` counts: underflow, the bins in order, overflow.
    public private(set) var counts: [UInt64]
    /// Finite values counted.
    public private(set) var count: UInt64 = 0
    /// Mean of the finite values (0 when none).
    public private(set) var mean = 0.0
    /// Sum of squared deviations from the mean (`count · variance`).
    public private(set) var squaredDeviations = 0.0
    /// Smallest finite value (+∞ when none).
    public private(set) var min = Double.infinity
    /// Largest finite value (−∞ when none).
    public private(set) var max = -Double.infinity
    /// NaN and infinite values seen.
    public private(set) var nonFinite: UInt64 = 0
    /// Quantiles of the finite values.
    public private(set) var quantiles = QuantileSketch()

    /// An empty summary over `binEdges`.
    /// - Throws: `.invalid` when there are fewer than 2 or more than ``maxEdges`` edges, or they are not finite and
    ///   strictly increasing.
    public init(binEdges: [Double]) throws(DriftError) {
        try Self.validate(edges: binEdges)
        self.binEdges = binEdges
        counts = [UInt64](repeating: 0, count: binEdges.count + 1)
    }

    /// Population variance (0 when empty).
    public var variance: Double { count == 0 ? 0 : squaredDeviations / Double(count) }

    /// Counts among the bins between the edges, without underflow and overflow.
    public var binCounts: ArraySlice<UInt64> { counts[1..<(counts.count - 1)] }

    /// Counts one value.
    public mutating func add(_ value: Double) {
        guard value.isFinite else {
            nonFinite += 1
            return
        }
        counts[bin(of: value)] += 1
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squaredDeviations += delta * (value - mean)
        if value < min { min = value }
        if value > max { max = value }
        quantiles.add(value)
    }

    /// Counts every value of `other`, which must have the same edges.
    /// - Throws: `.mismatch` when the edges differ.
    public mutating func merge(_ other: DistributionSummary) throws(DriftError) {
        guard other.binEdges == binEdges else {
            throw DriftError(.mismatch, "summary merge: bin edges differ")
        }
        nonFinite += other.nonFinite
        guard other.count > 0 else { return }
        for index in counts.indices { counts[index] += other.counts[index] }
        if count == 0 {
            (count, mean, squaredDeviations) = (other.count, other.mean, other.squaredDeviations)
        } else {
            let (n1, n2) = (Double(count), Double(other.count))
            let total = n1 + n2
            let delta = other.mean - mean
            mean += delta * n2 / total
            squaredDeviations += other.squaredDeviations + delta * delta * n1 * n2 / total
            count += other.count
        }
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        quantiles.merge(other.quantiles)
    }

    /// Index into ``counts`` of a finite value.
    func bin(of value: Double) -> Int {
        if value < binEdges[0] { return 0 }
        let last = binEdges.count - 1
        if value > binEdges[last] { return counts.count - 1 }
        if value == binEdges[last] { return last }
        var (low, high) = (0, last)
        // Invariant: binEdges[low] <= value < binEdges[high].
        while high - low > 1 {
            let middle = (low + high) / 2
            if binEdges[middle] <= value { low = middle } else { high = middle }
        }
        return low + 1
    }

    static func validate(edges: [Double]) throws(DriftError) {
        guard (2...maxEdges).contains(edges.count) else {
            throw DriftError(.invalid, "summary: \(edges.count) bin edges, not 2...\(maxEdges)")
        }
        guard edges.allSatisfy(\.isFinite) else { throw DriftError(.notFinite, "summary: a bin edge is not finite") }
        for index in 1..<edges.count where !(edges[index - 1] < edges[index]) {
            throw DriftError(.invalid, "summary: bin edges not strictly increasing at \(index)")
        }
    }

    /// A summary with every field given, as decoded; ``DistributionSummary/decode(_:)`` validates them.
    init(
        binEdges: [Double],
        counts: [UInt64],
        count: UInt64,
        mean: Double,
        squaredDeviations: Double,
        min: Double,
        max: Double,
        nonFinite: UInt64,
        quantiles: QuantileSketch
    ) {
        self.binEdges = binEdges
        self.counts = counts
        self.count = count
        self.mean = mean
        self.squaredDeviations = squaredDeviations
        self.min = min
        self.max = max
        self.nonFinite = nonFinite
        self.quantiles = quantiles
    }
}
