import Testing

@testable import DriftStatistics

/// A device baseline as the reference: a summary's bins, underflow and overflow, extremes and deviation.
@Suite struct BaselineHistogramTests {
    static let edges = DriftEvaluatorTests.edges

    @Test func aBaselineKeepsWhatFellOutsideTheEdges() throws {
        let summary = try DriftEvaluatorTests.current(
            SampleSpec(seed: 5, count: 800, offset: -0.3, scale: 1.6, power: 1, grid: 0)
        )
        let baseline = try ReferenceHistogram(name: "f", baseline: summary)
        #expect(baseline.underflow == summary.counts[0] && baseline.underflow > 0)
        #expect(baseline.overflow == summary.counts[summary.counts.count - 1] && baseline.overflow > 0)
        #expect(baseline.total == summary.count)
        #expect(baseline.minimum == summary.min && baseline.maximum == summary.max)
        #expect(abs(baseline.standardDeviation - summary.variance.squareRoot()) < 1e-15)
    }

    @Test func theSameValuesAsTheBaselineShowNoDrift() throws {
        let summary = try DriftEvaluatorTests.current(
            SampleSpec(seed: 6, count: 1_500, offset: -0.3, scale: 1.6, power: 1, grid: 0)
        )
        let baseline = try ReferenceHistogram(name: "f", baseline: summary)
        let fused = DriftEvaluator.fused(baseline, summary)
        #expect(abs(fused.psi) < 1e-15 && abs(fused.jensenShannon) < 1e-7)
        #expect(fused.ks.statistic == 0 && fused.wasserstein.statistic == 0)
        let result = try DriftEvaluator.feature(reference: baseline, current: summary, thresholds: DriftThresholds())
        #expect(!result.drifted)
    }

    @Test(arguments: [
        SampleSpec(seed: 7, count: 900, offset: 0, scale: 1, power: 1, grid: 0),
        SampleSpec(seed: 8, count: 700, offset: -0.5, scale: 2, power: 1.5, grid: 0),
    ])
    func fusedStatisticsAgainstABaselineEqualTheSeparateOnes(spec: SampleSpec) throws {
        let baselineSummary = try DriftEvaluatorTests.current(
            SampleSpec(seed: 9, count: 1_000, offset: -0.2, scale: 1.5, power: 1, grid: 0)
        )
        let baseline = try ReferenceHistogram(name: "f", baseline: baselineSummary)
        let current = try DriftEvaluatorTests.current(spec)
        let fused = DriftEvaluator.fused(baseline, current)
        func folded(_ summary: DistributionSummary) -> [Int] {
            var bins = Array(summary.binCounts)
            bins[0] += summary.counts[0]
            bins[bins.count - 1] += summary.counts[summary.counts.count - 1]
            return bins.map(Int.init)
        }
        let psi = try PopulationStability.index(reference: folded(baselineSummary), current: folded(current))
        let js = try JensenShannon.distance(folded(baselineSummary).map(Double.init), folded(current).map(Double.init))
        let ks = try BinnedStatistics.kolmogorovSmirnov(baselineSummary.counts, current.counts)
        let positions =
            [min(current.min, baselineSummary.min, 0)] + Self.edges + [max(current.max, baselineSummary.max, 1)]
        let wasserstein = try BinnedStatistics.wasserstein(
            baselineSummary.counts,
            current.counts,
            positions: positions
        )
        #expect(abs(fused.psi - psi) < 1e-12)
        #expect(abs(fused.jensenShannon - js) < 1e-12)
        #expect(abs(fused.ks.statistic - ks.statistic) < 1e-12 && abs(fused.ks.upperBound - ks.upperBound) < 1e-12)
        #expect(abs(fused.wasserstein.statistic - wasserstein.statistic) < 1e-12)
        #expect(abs(fused.wasserstein.upperBound - wasserstein.upperBound) < 1e-12)
    }

    @Test func anEmptyBaselineIsRefused() throws {
        var summary = try DistributionSummary(binEdges: Self.edges)
        summary.add(.nan)
        #expect(throws: DriftError.self) { try ReferenceHistogram(name: "f", baseline: summary) }
    }
}
