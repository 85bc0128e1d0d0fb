import Foundation
import HubCore
import Testing
import WireProtocol

/// The rollout controller's quality gates (error rate, accuracy, accuracy drop) and the tally that feeds them, with
/// plain inputs.
@Suite("Rollout quality gates")
struct RolloutGateTests {
    static let fleet = RolloutControllerTests.fleet

    static func plan(
        maxErrorRate: Double? = nil,
        minAccuracy: Double? = nil,
        maxAccuracyDrop: Double? = nil,
        minGateSamples: Int = 100
    ) throws -> RolloutPlan {
        try RolloutPlan(
            model: "bearing",
            version: 2,
            waves: try ["1", "10%", "50%", "100%"].map { try RolloutPlan.WaveSize(parsing: $0) },
            maxFailureRate: 0.1,
            minHealthyMs: 60_000,
            maxErrorRate: maxErrorRate,
            minAccuracy: minAccuracy,
            maxAccuracyDrop: maxAccuracyDrop,
            minGateSamples: minGateSamples
        )
    }

    /// A rollout started at 0 whose first wave committed; returns it with that wave's devices.
    static func committedFirstWave(_ plan: RolloutPlan) throws -> (RolloutController, [String]) {
        var rollout = try RolloutController(plan: plan, fleet: fleet)
        let wave = rollout.handle(.start(now: 0)).compactMap { action -> String? in
            if case .setDesired(let device, _) = action { device } else { nil }
        }
        for device in wave { _ = rollout.handle(.committed(device: device)) }
        return (rollout, wave)
    }

    static func report(
        predictions: Int,
        errors: Int = 0,
        labelled: Int = 0,
        correct: Int = 0,
        previous: DeviceQuality = DeviceQuality()
    ) -> QualityReport {
        QualityReport(
            updated: DeviceQuality(predictions: predictions, errors: errors, labelled: labelled, correct: correct),
            previous: previous
        )
    }

    static func isAborted(_ rollout: RolloutController, mentioning text: String) -> Bool {
        guard case .aborted(let reason) = rollout.status else { return false }
        return reason.contains(text)
    }

    @Test func anErrorRateAboveTheBoundAbortsAndRollsBackTheWave() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.05))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 400, errors: 4)))
        #expect(rollout.handle(.tick(now: 1)).isEmpty)
        let second = rollout.handle(.tick(now: 60_001)).compactMap { action -> String? in
            if case .setDesired(let device, _) = action { device } else { nil }
        }
        #expect(second.count == 4)
        for device in second { _ = rollout.handle(.committed(device: device)) }
        // Two of the four err often: pooled 2 × 30 errors over 4 × 100 predictions = 0.15.
        for (index, device) in second.enumerated() {
            _ = rollout.handle(.quality(device: device, Self.report(predictions: 100, errors: index < 2 ? 30 : 0)))
        }
        let actions = rollout.handle(.tick(now: 60_002))
        #expect(Self.isAborted(rollout, mentioning: "error rate 60/400 above 0.05 in wave 2"), "\(rollout.status)")
        let rolledBack = Set(
            actions.compactMap { action -> String? in
                if case .rollBack(let device, 1) = action { device } else { nil }
            }
        )
        #expect(rolledBack == Set(first + second))
    }

    @Test func aGateWaitsForEnoughSamplesUntilTheHealthyTimeEnds() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.05, minGateSamples: 100))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 10, errors: 2)))
        // 12 samples of the 100 needed: no verdict while soaking...
        #expect(rollout.handle(.tick(now: 1)).isEmpty)
        #expect(rollout.handle(.tick(now: 60_000)).isEmpty)
        #expect(rollout.status == .soaking(wave: 0, until: 60_001))
        // ...but the end of the healthy time judges on what there is.
        #expect(rollout.handle(.tick(now: 60_001)) == [.rollBack(device: first[0], version: 1)])
        #expect(Self.isAborted(rollout, mentioning: "error rate 2/10"))
    }

    @Test func errorsWithoutAnyPredictionBreachTheErrorRate() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.5, minGateSamples: 5))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 0, errors: 5)))
        _ = rollout.handle(.tick(now: 1))
        #expect(Self.isAborted(rollout, mentioning: "error rate 5/0"))
    }

    @Test func accuracyBelowTheMinimumAborts() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(minAccuracy: 0.9))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 300, labelled: 200, correct: 170)))
        _ = rollout.handle(.tick(now: 1))
        #expect(Self.isAborted(rollout, mentioning: "accuracy 170/200 below 0.9 in wave 1"), "\(rollout.status)")
    }

    @Test(arguments: [(0.03, true), (0.06, false)])
    func anAccuracyDropFromThePreviousVersionAborts(bound: Double, aborts: Bool) throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxAccuracyDrop: bound))
        // 0.95 before, 0.90 after: a drop of 0.05.
        let previous = DeviceQuality(predictions: 2_000, labelled: 1_000, correct: 950)
        _ = rollout.handle(
            .quality(device: first[0], Self.report(predictions: 200, labelled: 200, correct: 180, previous: previous))
        )
        _ = rollout.handle(.tick(now: 1))
        _ = rollout.handle(.tick(now: 60_001))
        #expect(Self.isAborted(rollout, mentioning: "dropped more than \(bound)") == aborts, "\(rollout.status)")
        if !aborts { #expect(rollout.status.isUpdating) }
    }

    @Test func withoutLabelledPredictionsTheAccuracyGatesDoNotBlock() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(minAccuracy: 0.99, maxAccuracyDrop: 0))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 500)))
        _ = rollout.handle(.tick(now: 1))
        _ = rollout.handle(.tick(now: 60_001))
        #expect(rollout.status.isUpdating, "\(rollout.status)")
        #expect(rollout.reading(wave: 0).baseline == nil)
    }

    @Test func figuresOfDevicesThatDidNotUpdateAreIgnored() throws {
        var (rollout, _) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.01, minGateSamples: 1))
        let waiting = try #require(rollout.devices.first { $0.value == .waiting }?.key)
        _ = rollout.handle(.quality(device: waiting, Self.report(predictions: 1, errors: 100)))
        #expect(rollout.quality[waiting] == nil)
        _ = rollout.handle(.tick(now: 1))
        #expect(rollout.status == .soaking(wave: 0, until: 60_001))
    }

    @Test func statusShowsEachStartedWavesFigures() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.05, maxAccuracyDrop: 0.03))
        let previous = DeviceQuality(predictions: 100, labelled: 100, correct: 95)
        _ = rollout.handle(
            .quality(
                device: first[0],
                Self.report(predictions: 200, errors: 1, labelled: 100, correct: 93, previous: previous)
            )
        )
        #expect(
            rollout.gateLines() == [
                "wave 1: errors 1/200 = 0.005 (max 0.05); accuracy 93/100 = 0.93; previous 95/100 = 0.95 (max drop 0.03)"
            ]
        )
    }

    @Test func theFiguresSurviveARestartAndOlderStatesStillDecode() throws {
        var (rollout, first) = try Self.committedFirstWave(try Self.plan(maxErrorRate: 0.05))
        _ = rollout.handle(.quality(device: first[0], Self.report(predictions: 10, errors: 1)))
        let json = try JSONEncoder().encode(rollout)
        #expect(try JSONDecoder().decode(RolloutController.self, from: json) == rollout)
        // A state saved before the gates existed: no figures, no gate keys in its plan.
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["quality"] = nil
        var plan = try #require(object["plan"] as? [String: Any])
        for key in ["maxErrorRate", "minAccuracy", "maxAccuracyDrop", "minGateSamples"] { plan[key] = nil }
        object["plan"] = plan
        let older = try JSONDecoder().decode(
            RolloutController.self,
            from: try JSONSerialization.data(withJSONObject: object)
        )
        #expect(older.quality.isEmpty)
        #expect(older.plan.maxErrorRate == nil)
        #expect(older.plan.minGateSamples == RolloutPlan.defaultMinGateSamples)
        #expect(older.devices == rollout.devices)
    }

    @Test(
        arguments: [
            (-0.1, nil, nil, 100), (.infinity, nil, nil, 100), (nil, 1.5, nil, 100), (nil, nil, -0.01, 100),
            (nil, nil, nil, 0),
        ] as [(Double?, Double?, Double?, Int)]
    )
    func badGateBoundsAreRefused(errorRate: Double?, accuracy: Double?, drop: Double?, samples: Int) {
        #expect(throws: RolloutError.self) {
            try Self.plan(
                maxErrorRate: errorRate,
                minAccuracy: accuracy,
                maxAccuracyDrop: drop,
                minGateSamples: samples
            )
        }
    }
}

extension RolloutController.Status {
    var isUpdating: Bool {
        if case .updating = self { true } else { false }
    }
}
