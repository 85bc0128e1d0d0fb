import Testing

@testable import DriftStatistics

/// Equality with scipy (values recorded by scripts/reference/drift_golden.py in ScipyGolden.swift): statistics within
/// 1e-9, p-values within 1e-6 (the tolerances).
@Suite struct ScipyEqualityTests {
    static let statisticTolerance = 1e-9
    static let pValueTolerance = 1e-6

    @Test(arguments: ScipyGolden.ks2samp.indices)
    func twoSampleKSMatchesScipy(case index: Int) throws {
        let (x, y, statistic, pValue) = ScipyGolden.ks2samp[index]
        let result = try KolmogorovSmirnov.twoSample(x.values, y.values)
        #expect(abs(result.statistic - statistic) <= Self.statisticTolerance, "\(x) vs \(y): \(result)")
        #expect(abs(result.pValue - pValue) <= Self.pValueTolerance, "\(x) vs \(y): \(result) vs \(pValue)")
    }

    @Test func twoSampleKSIsSymmetric() throws {
        let (x, y, _, _) = ScipyGolden.ks2samp[1]
        #expect(try KolmogorovSmirnov.twoSample(x.values, y.values) == KolmogorovSmirnov.twoSample(y.values, x.values))
    }

    @Test func autoMethodIsExactUpTo10000AndAsymptoticAbove() throws {
        let small = try KolmogorovSmirnov.twoSample(ScipyGolden.ks2samp[3].0.values, ScipyGolden.ks2samp[3].1.values)
        let large = try KolmogorovSmirnov.twoSample(ScipyGolden.ks2samp[6].0.values, ScipyGolden.ks2samp[6].1.values)
        #expect(small.method == .exact)
        #expect(large.method == .asymptotic)
    }

    @Test(arguments: ScipyGolden.kstwoSurvival)
    func kolmogorovSurvivalMatchesKstwo(n: Int, x: Double, expected: Double) {
        let survival = KolmogorovDistribution.survival(n: n, x: x)
        #expect(abs(survival - expected) <= Self.pValueTolerance, "n \(n), x \(x): \(survival) vs \(expected)")
    }

    @Test(arguments: ScipyGolden.chi2Survival)
    func chiSquareSurvivalMatchesScipy(x: Double, degrees: Int, expected: Double) {
        let survival = IncompleteGamma.upperRegularized(Double(degrees) / 2, x / 2)
        #expect(abs(survival - expected) <= 1e-12, "x \(x), df \(degrees): \(survival) vs \(expected)")
    }

    @Test(arguments: ScipyGolden.chisquare.indices)
    func chiSquareTestMatchesScipy(case index: Int) throws {
        let (observed, expected, statistic, pValue) = ScipyGolden.chisquare[index]
        let result = try ChiSquare.test(observed: observed, expected: expected)
        #expect(abs(result.statistic - statistic) <= Self.statisticTolerance)
        #expect(abs(result.pValue - pValue) <= Self.pValueTolerance)
        #expect(result.degreesOfFreedom == observed.count - 1)
    }

    @Test(arguments: ScipyGolden.jensenShannon.indices)
    func jensenShannonMatchesScipy(case index: Int) throws {
        let (p, q, natural, binary) = ScipyGolden.jensenShannon[index]
        #expect(abs(try JensenShannon.distance(p, q) - natural) <= Self.statisticTolerance)
        #expect(abs(try JensenShannon.distance(p, q, base: 2) - binary) <= Self.statisticTolerance)
    }

    @Test(arguments: ScipyGolden.wasserstein.indices)
    func wassersteinMatchesScipy(case index: Int) throws {
        let (u, v, uWeights, vWeights, expected) = ScipyGolden.wasserstein[index]
        let distance = try Wasserstein.distance(u, v, uWeights: uWeights, vWeights: vWeights)
        #expect(abs(distance - expected) <= Self.statisticTolerance)
    }

    @Test(arguments: ScipyGolden.wassersteinSamples.indices)
    func wassersteinOnSamplesMatchesScipy(case index: Int) throws {
        let (u, v, expected) = ScipyGolden.wassersteinSamples[index]
        #expect(abs(try Wasserstein.distance(u.values, v.values) - expected) <= Self.statisticTolerance)
    }
}
