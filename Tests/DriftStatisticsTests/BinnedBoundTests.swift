import Testing

@testable import DriftStatistics

/// The binned KS and Wasserstein bracket the raw-sample values within their documented bounds.
@Suite struct BinnedBoundTests {
    static let cases: [(SampleSpec, SampleSpec, [Double])] = [
        (
            SampleSpec(seed: 41, count: 3_000, offset: 0, scale: 1, power: 1, grid: 0),
            SampleSpec(seed: 42, count: 2_000, offset: 0.1, scale: 1, power: 1.4, grid: 0),
            stride(from: 0.0, through: 1.0, by: 0.1).map { $0 }
        ),
        (
            SampleSpec(seed: 43, count: 1_000, offset: -2, scale: 4, power: 2, grid: 0),
            SampleSpec(seed: 44, count: 5_000, offset: -1, scale: 3, power: 1, grid: 0),
            [-1.5, -0.5, 0, 0.25, 1, 1.5]
        ),
        (
            SampleSpec(seed: 45, count: 800, offset: 0, scale: 1, power: 1, grid: 0),
            SampleSpec(seed: 46, count: 800, offset: 0, scale: 1, power: 1, grid: 0),
            stride(from: 0.0, through: 1.0, by: 0.05).map { $0 }
        ),
    ]

    static func summary(_ values: [Double], _ edges: [Double]) throws -> DistributionSummary {
        var summary = try DistributionSummary(binEdges: edges)
        for value in values { summary.add(value) }
        return summary
    }

    @Test(arguments: cases.indices)
    func binnedKSBracketsTheRawStatistic(case index: Int) throws {
        let (x, y, edges) = Self.cases[index]
        let raw = try KolmogorovSmirnov.twoSample(x.values, y.values).statistic
        let estimate = try BinnedStatistics.kolmogorovSmirnov(
            Self.summary(x.values, edges).counts,
            Self.summary(y.values, edges).counts
        )
        #expect(estimate.lowerBound <= raw + 1e-12)
        #expect(raw <= estimate.upperBound + 1e-12)
        #expect(estimate.upperBound - estimate.lowerBound < 0.25)
    }

    @Test(arguments: cases.indices)
    func binnedWassersteinIsWithinHalfABinOfTheRawDistance(case index: Int) throws {
        let (x, y, edges) = Self.cases[index]
        let first = try Self.summary(x.values, edges)
        let second = try Self.summary(y.values, edges)
        let raw = try Wasserstein.distance(x.values, y.values)
        let low = Swift.min(first.min, second.min, edges[0])
        let high = Swift.max(first.max, second.max, edges[edges.count - 1])
        let estimate = try BinnedStatistics.wasserstein(first.counts, second.counts, positions: [low] + edges + [high])
        #expect(estimate.lowerBound <= raw + 1e-12)
        #expect(raw <= estimate.upperBound + 1e-12)
    }

    @Test func binsOnEveryDistinctValueGiveTheExactKS() throws {
        let x: [Double] = [0, 1, 1, 2, 3, 3, 3]
        let y: [Double] = [1, 2, 2, 2, 4]
        let edges: [Double] = [0, 1, 2, 3, 4, 5]
        let estimate = try BinnedStatistics.kolmogorovSmirnov(
            Self.summary(x, edges).counts,
            Self.summary(y, edges).counts
        )
        #expect(abs(estimate.statistic - (try KolmogorovSmirnov.twoSample(x, y).statistic)) < 1e-12)
    }

    @Test func binnedStatisticsRejectBadHistograms() {
        #expect(throws: DriftError(.mismatch, "binned statistic: 2 bins vs 3")) {
            try BinnedStatistics.kolmogorovSmirnov([1, 2], [1, 2, 3])
        }
        #expect(throws: DriftError.self) { try BinnedStatistics.kolmogorovSmirnov([0, 0], [1, 2]) }
        #expect(throws: DriftError.self) { try BinnedStatistics.wasserstein([1, 2], [1, 2], positions: [0, 1]) }
        #expect(throws: DriftError.self) { try BinnedStatistics.wasserstein([1, 2], [1, 2], positions: [0, 2, 1]) }
    }
}
