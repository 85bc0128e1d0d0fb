import Testing

@testable import DriftStatistics

/// With raw samples on both sides, the deciding KS or Wasserstein statistic is the exact one.
@Suite struct RawSamplesTests {
    static let baselineSpec = SampleSpec(seed: 21, count: 600, offset: 0, scale: 1, power: 1, grid: 0)
    static let currentSpec = SampleSpec(seed: 22, count: 800, offset: 0.05, scale: 1.1, power: 1, grid: 0)

    @Test func theDecidingKSIsTheRawTwoSampleTest() throws {
        let baseline = try ReferenceHistogram(name: "f", baseline: try DriftEvaluatorTests.current(Self.baselineSpec))
        let current = try DriftEvaluatorTests.current(Self.currentSpec)
        let raw = RawSamples(reference: Self.baselineSpec.values, current: Self.currentSpec.values)
        let result = try DriftEvaluator.feature(
            reference: baseline,
            current: current,
            raw: raw,
            thresholds: DriftThresholds()
        )
        let expected = try KolmogorovSmirnov.twoSample(Self.baselineSpec.values, Self.currentSpec.values)
        #expect(result.test == .ks && result.exact)
        #expect(result.ks.statistic == expected.statistic && result.ksPValue == expected.pValue)
        let binned = try DriftEvaluator.feature(reference: baseline, current: current, thresholds: DriftThresholds())
        #expect(
            !binned.exact && binned.ks.lowerBound <= expected.statistic && expected.statistic <= binned.ks.upperBound
        )
    }

    @Test func theDecidingWassersteinIsTheRawDistance() throws {
        let baseline = try ReferenceHistogram(name: "f", baseline: try DriftEvaluatorTests.current(Self.baselineSpec))
        let current = try DriftEvaluatorTests.current(Self.currentSpec)
        var thresholds = DriftThresholds()
        thresholds.featureTest = .wasserstein
        let result = try DriftEvaluator.feature(
            reference: baseline,
            current: current,
            raw: RawSamples(reference: Self.baselineSpec.values, current: Self.currentSpec.values),
            thresholds: thresholds
        )
        let expected = try Wasserstein.distance(Self.baselineSpec.values, Self.currentSpec.values)
        #expect(result.exact && result.wasserstein.statistic == expected)
        #expect(result.wassersteinNormed == expected / baseline.standardDeviation)
    }

    @Test func histogramTestsAndEmptySidesStayBinned() throws {
        let baseline = try ReferenceHistogram(name: "f", baseline: try DriftEvaluatorTests.current(Self.baselineSpec))
        let current = try DriftEvaluatorTests.current(Self.currentSpec)
        var thresholds = DriftThresholds()
        thresholds.featureTest = .psi
        let raw = RawSamples(reference: Self.baselineSpec.values, current: Self.currentSpec.values)
        #expect(
            !(try DriftEvaluator.feature(reference: baseline, current: current, raw: raw, thresholds: thresholds)).exact
        )
        let empty = RawSamples(reference: [.nan, .infinity], current: Self.currentSpec.values)
        #expect(empty.reference.isEmpty)
        let result = try DriftEvaluator.feature(
            reference: baseline,
            current: current,
            raw: empty,
            thresholds: DriftThresholds()
        )
        #expect(!result.exact)
    }
}
