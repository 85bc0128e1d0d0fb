/// A feature's training distribution as drift evaluation needs it: counts on fixed bin edges (values outside the
/// edges counted in the first or last bin) and the standard deviation that normalises the Wasserstein distance.
public struct ReferenceHistogram: Sendable, Equatable {
    /// Feature name, for reports.
    public let name: String
    /// Bin edges, finite and strictly increasing.
    public let binEdges: [Double]
    /// Training samples per bin, `binEdges.count − 1` of them.
    public let counts: [UInt64]
    /// Population standard deviation of the training values.
    public let standardDeviation: Double
    /// `counts` as shares of their total.
    let shares: [Double]

    /// A reference histogram.
    /// - Throws: `.invalid` for edges a ``DistributionSummary`` would refuse, `.mismatch` when `counts` is not one
    ///   shorter than `binEdges`, `.empty` when the counts add to 0, `.notFinite` for a non-finite deviation.
    public init(name: String, binEdges: [Double], counts: [UInt64], standardDeviation: Double) throws(DriftError) {
        try DistributionSummary.validate(edges: binEdges)
        guard counts.count == binEdges.count - 1 else {
            throw DriftError(.mismatch, "reference \(name): \(counts.count) counts for \(binEdges.count) edges")
        }
        guard counts.contains(where: { $0 > 0 }) else { throw DriftError(.empty, "reference \(name): no counts") }
        guard standardDeviation.isFinite, standardDeviation >= 0 else {
            throw DriftError(.notFinite, "reference \(name): standard deviation \(standardDeviation)")
        }
        self.name = name
        self.binEdges = binEdges
        self.counts = counts
        self.standardDeviation = standardDeviation
        let total = counts.reduce(0.0) { $0 + Double($1) }
        shares = counts.map { Double($0) / total }
    }

    /// Training samples.
    public var total: UInt64 { counts.reduce(0, +) }
}
