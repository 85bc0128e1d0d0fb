import Testing

@testable import DriftStatistics

/// The evaluator's fused pass equals the separate statistics, and its flags follow the thresholds.
@Suite struct DriftEvaluatorTests {
    static let edges = (0...10).map { Double($0) / 10 }

    static func reference() throws -> ReferenceHistogram {
        try ReferenceHistogram(
            name: "f",
            binEdges: edges,
            counts: [50, 80, 0, 120, 90, 100, 110, 70, 60, 40],
            standardDeviation: 0.25
        )
    }

    static func current(_ spec: SampleSpec) throws -> DistributionSummary {
        var summary = try DistributionSummary(binEdges: edges)
        for value in spec.values { summary.add(value) }
        return summary
    }

    @Test(arguments: [
        SampleSpec(seed: 1, count: 900, offset: 0, scale: 1, power: 1, grid: 0),
        SampleSpec(seed: 2, count: 700, offset: -0.2, scale: 1.5, power: 1.5, grid: 0),
        SampleSpec(seed: 3, count: 50, offset: 0.3, scale: 0.2, power: 1, grid: 0),
    ])
    func fusedStatisticsEqualTheSeparateOnes(spec: SampleSpec) throws {
        let reference = try Self.reference()
        let current = try Self.current(spec)
        let fused = DriftEvaluator.fused(reference, current)
        var folded = Array(current.binCounts)
        folded[0] += current.counts[0]
        folded[folded.count - 1] += current.counts[current.counts.count - 1]
        let psi = try PopulationStability.index(
            reference: reference.counts.map(Int.init),
            current: folded.map(Int.init)
        )
        let js = try JensenShannon.distance(reference.counts.map(Double.init), folded.map(Double.init))
        let padded = [0] + reference.counts + [0]
        let ks = try BinnedStatistics.kolmogorovSmirnov(padded, current.counts)
        let positions = [min(current.min, 0)] + Self.edges + [max(current.max, 1)]
        let wasserstein = try BinnedStatistics.wasserstein(padded, current.counts, positions: positions)
        #expect(abs(fused.psi - psi) < 1e-12)
        #expect(abs(fused.jensenShannon - js) < 1e-12)
        #expect(abs(fused.ks.statistic - ks.statistic) < 1e-12 && abs(fused.ks.upperBound - ks.upperBound) < 1e-12)
        #expect(abs(fused.wasserstein.statistic - wasserstein.statistic) < 1e-12)
        #expect(abs(fused.wasserstein.upperBound - wasserstein.upperBound) < 1e-12)
    }

    @Test func flagsFollowTheChosenTestAndTheMinimumCount() throws {
        let reference = try Self.reference()
        let shifted = try Self.current(SampleSpec(seed: 4, count: 600, offset: 0.5, scale: 0.5, power: 1, grid: 0))
        var thresholds = DriftThresholds()
        let auto = try DriftEvaluator.feature(reference: reference, current: shifted, thresholds: thresholds)
        #expect(auto.test == .ks && auto.drifted && (auto.ksPValue ?? 1) < 0.05)
        for test in [DriftThresholds.FeatureTest.wasserstein, .psi, .jensenShannon] {
            thresholds.featureTest = test
            let result = try DriftEvaluator.feature(reference: reference, current: shifted, thresholds: thresholds)
            #expect(result.test == test && result.drifted && result.ksPValue == nil, "\(test)")
        }
        thresholds.minimumCount = 601
        #expect(try !DriftEvaluator.feature(reference: reference, current: shifted, thresholds: thresholds).drifted)
    }

    @Test func datasetVerdictIsTheShareOfDriftedFeatures() throws {
        let reference = try ReferenceHistogram(
            name: "uniform",
            binEdges: Self.edges,
            counts: [UInt64](repeating: 100, count: 10),
            standardDeviation: 0.29
        )
        let clean = try Self.current(SampleSpec(seed: 5, count: 2_000, offset: 0, scale: 1, power: 1, grid: 0))
        let shifted = try Self.current(SampleSpec(seed: 6, count: 2_000, offset: 0.6, scale: 0.4, power: 1, grid: 0))
        var thresholds = DriftThresholds()
        thresholds.featureTest = .psi
        let half = try DriftEvaluator.dataset(
            references: [reference, reference],
            current: [clean, shifted],
            thresholds: thresholds
        )
        #expect(half.features.map(\.drifted) == [false, true] && half.driftedShare == 0.5 && half.drifted)
        thresholds.driftShare = 0.51
        #expect(
            try !DriftEvaluator.dataset(
                references: [reference, reference],
                current: [clean, shifted],
                thresholds: thresholds
            ).drifted
        )
        #expect(throws: DriftError.self) {
            try DriftEvaluator.dataset(references: [reference], current: [clean, shifted], thresholds: thresholds)
        }
        #expect(throws: DriftError.self) {
            try DriftEvaluator.feature(
                reference: reference,
                current: DistributionSummary(binEdges: [0, 1]),
                thresholds: thresholds
            )
        }
    }
}
