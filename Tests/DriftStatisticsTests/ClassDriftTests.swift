import Testing

@testable import DriftStatistics

/// The predicted-class distribution as a column of the verdict.
@Suite struct ClassDriftTests {
    @Test func aSmallReferenceIsJudgedByChiSquareALargeOneByJensenShannon() throws {
        let thresholds = DriftThresholds()
        let small = try DriftEvaluator.classes(
            reference: [300, 300, 300],
            current: [200, 200, 600],
            thresholds: thresholds
        )
        #expect(small.test == "chisquare" && small.drifted && small.chiSquarePValue < 1e-10)
        let same = try DriftEvaluator.classes(
            reference: [300, 300, 300],
            current: [330, 340, 330],
            thresholds: thresholds
        )
        #expect(same.test == "chisquare" && !same.drifted)
        // With 90,000 reference predictions a 2-point shift is significant but small: Jensen–Shannon decides.
        let large = try DriftEvaluator.classes(
            reference: [30_000, 30_000, 30_000],
            current: [300, 310, 390],
            thresholds: thresholds
        )
        #expect(large.test == "jensenshannon" && large.chiSquarePValue < 0.05 && !large.drifted)
        let moved = try DriftEvaluator.classes(
            reference: [30_000, 30_000, 30_000],
            current: [100, 100, 800],
            thresholds: thresholds
        )
        #expect(moved.test == "jensenshannon" && moved.jensenShannon >= 0.1 && moved.drifted)
    }

    @Test func fewPredictionsAreReportedNotFlagged() throws {
        let result = try DriftEvaluator.classes(
            reference: [300, 300, 300],
            current: [0, 0, 400],
            thresholds: DriftThresholds()
        )
        #expect(result.chiSquarePValue < 1e-50 && !result.drifted)
    }

    @Test func classesCountAsOneColumnOfTheShare() throws {
        let reference = try DriftEvaluatorTests.reference()
        let current = try DriftEvaluatorTests.current(
            SampleSpec(seed: 1, count: 900, offset: 0, scale: 1, power: 1, grid: 0)
        )
        var thresholds = DriftThresholds()
        thresholds.featureTest = .psi
        let featureOnly = try DriftEvaluator.dataset(
            references: [reference],
            current: [current],
            thresholds: thresholds
        )
        let withClasses = try DriftEvaluator.dataset(
            references: [reference],
            current: [current],
            classes: (reference: [500, 500], current: [0, 900]),
            thresholds: thresholds
        )
        let featureDrifted = featureOnly.features[0].drifted
        #expect(withClasses.classes?.drifted == true)
        #expect(withClasses.driftedShare == (featureDrifted ? 1 : 0.5))
        // Classes nobody counted are not a column.
        let untested = try DriftEvaluator.dataset(
            references: [reference],
            current: [current],
            classes: (reference: [500, 500], current: [0, 0]),
            thresholds: thresholds
        )
        #expect(untested.classes == nil && untested.driftedShare == featureOnly.driftedShare)
    }

    @Test func classCountsOfAnotherLengthAreRefused() {
        #expect(throws: DriftError.self) {
            try DriftEvaluator.classes(reference: [1, 2], current: [1, 2, 3], thresholds: DriftThresholds())
        }
    }
}
