/// What current summaries are compared with for one feature: counts on fixed bin edges, the values that fell below
/// or above the edges, the extremes, and the standard deviation that normalises the Wasserstein distance.
///
/// A model's training reference has no values outside its edges (they span the training range); a device's own
/// baseline (``init(name:baseline:)``, merged interval summaries of the device) may have some.
public struct ReferenceHistogram: Sendable, Equatable {
    /// Feature name, for reports.
    public let name: String
    /// Bin edges, finite and strictly increasing.
    public let binEdges: [Double]
    /// Samples per bin, `binEdges.count − 1` of them.
    public let counts: [UInt64]
    /// Samples below the first edge.
    public let underflow: UInt64
    /// Samples above the last edge.
    public let overflow: UInt64
    /// Smallest sample (the first edge for a training reference).
    public let minimum: Double
    /// Largest sample (the last edge for a training reference).
    public let maximum: Double
    /// Population standard deviation of the samples.
    public let standardDeviation: Double
    /// `counts` as shares of ``total``.
    let shares: [Double]
    /// `underflow` and `overflow` as shares of ``total``.
    let underShare: Double
    let overShare: Double

    /// A training reference: every sample within the edges.
    /// - Throws: `.invalid` for edges a ``DistributionSummary`` would refuse, `.mismatch` when `counts` is not one
    ///   shorter than `binEdges`, `.empty` when the counts add to 0, `.notFinite` for a non-finite deviation.
    public init(name: String, binEdges: [Double], counts: [UInt64], standardDeviation: Double) throws(DriftError) {
        try DistributionSummary.validate(edges: binEdges)
        guard counts.count == binEdges.count - 1 else {
            throw DriftError(.mismatch, "reference \(name): \(counts.count) counts for \(binEdges.count) edges")
        }
        try self.init(
            name: name,
            binEdges: binEdges,
            counts: counts,
            outside: (0, 0),
            extremes: (binEdges[0], binEdges[binEdges.count - 1]),
            standardDeviation: standardDeviation
        )
    }

    /// A baseline made of a summary, such as a device's first intervals merged: its bins, underflow and overflow,
    /// extremes and standard deviation.
    /// - Throws: `.empty` when the summary counted no finite value.
    public init(name: String, baseline: DistributionSummary) throws(DriftError) {
        let counts = baseline.counts
        try self.init(
            name: name,
            binEdges: baseline.binEdges,
            counts: Array(baseline.binCounts),
            outside: (counts[0], counts[counts.count - 1]),
            extremes: (baseline.min, baseline.max),
            standardDeviation: baseline.variance.squareRoot()
        )
    }

    private init(
        name: String,
        binEdges: [Double],
        counts: [UInt64],
        outside: (under: UInt64, over: UInt64),
        extremes: (low: Double, high: Double),
        standardDeviation: Double
    ) throws(DriftError) {
        let total = counts.reduce(0.0) { $0 + Double($1) } + Double(outside.under) + Double(outside.over)
        guard total > 0 else { throw DriftError(.empty, "reference \(name): no counts") }
        guard standardDeviation.isFinite, standardDeviation >= 0 else {
            throw DriftError(.notFinite, "reference \(name): standard deviation \(standardDeviation)")
        }
        self.name = name
        self.binEdges = binEdges
        self.counts = counts
        underflow = outside.under
        overflow = outside.over
        minimum = extremes.low
        maximum = extremes.high
        self.standardDeviation = standardDeviation
        shares = counts.map { Double($0) / total }
        underShare = Double(outside.under) / total
        overShare = Double(outside.over) / total
    }

    /// Samples, inside the edges and outside.
    public var total: UInt64 { counts.reduce(underflow + overflow, +) }
}
