import FoundationEssentials
import HubCore
import Testing

/// The rollout state machine with plain inputs.
@Suite("Rollout controller")
struct RolloutControllerTests {
    static let fleet = Dictionary(uniqueKeysWithValues: (0..<50).map { (String(format: "dev-%02d", $0), UInt32?(1)) })

    func plan(maxFailureRate: Double = 0.1, healthyMs: Int64 = 60_000) throws -> RolloutPlan {
        try RolloutPlan(
            model: "bearing",
            version: 2,
            waves: try ["1", "10%", "50%", "100%"].map { try RolloutPlan.WaveSize(parsing: $0) },
            maxFailureRate: maxFailureRate,
            minHealthyMs: healthyMs
        )
    }

    @Test func wavesAreCumulativeShares() throws {
        let waves = try plan().partition(Self.fleet.keys.sorted())
        #expect(waves.map(\.count) == [1, 4, 20, 25])
        #expect(Set(waves.joined()).count == 50)
    }

    @Test(arguments: ["0", "-1", "0%", "101%", "x", ""])
    func badWavesAreRefused(text: String) {
        #expect(throws: RolloutError.self) { try RolloutPlan.WaveSize(parsing: text) }
    }

    @Test func aGoodVersionReachesEveryDeviceWaveByWave() throws {
        var rollout = try RolloutController(plan: try plan(), fleet: Self.fleet)
        var now: Int64 = 0
        var desired = rollout.handle(.start(now: now))
        var waves = 0
        while !desired.isEmpty {
            waves += 1
            for case .setDesired(let device, let version) in desired {
                #expect(version == 2)
                #expect(rollout.handle(.committed(device: device)).isEmpty)
            }
            // Not before the healthy time has passed.
            #expect(rollout.handle(.tick(now: now)).isEmpty)
            now += 60_000
            desired = rollout.handle(.tick(now: now))
        }
        #expect(waves == 4)
        #expect(rollout.status == .completed)
        #expect(rollout.counts == [.updated: 50])
    }

    @Test func failuresAbortWithinTheWaveAndRollBackWhoUpdated() throws {
        var rollout = try RolloutController(plan: try plan(), fleet: Self.fleet)
        var now: Int64 = 0
        var desired = rollout.handle(.start(now: now))
        for _ in 0..<2 {
            for case .setDesired(let device, _) in desired { _ = rollout.handle(.committed(device: device)) }
            now += 60_000
            _ = rollout.handle(.tick(now: now))
            now += 60_000
            desired = rollout.handle(.tick(now: now))
        }
        let third = desired.compactMap { if case .setDesired(let device, _) = $0 { device } else { nil } }
        #expect(third.count == 20)
        // Ten commit, then failures: 3 of 20 is above 10 %, so the third failure aborts before the rest report.
        for device in third[0..<10] { _ = rollout.handle(.committed(device: device)) }
        #expect(rollout.handle(.failed(device: third[10], reason: "health check")).isEmpty)
        #expect(rollout.handle(.failed(device: third[11], reason: "health check")).isEmpty)
        let abort = rollout.handle(.failed(device: third[12], reason: "health check"))
        guard case .aborted = rollout.status else {
            Issue.record("not aborted: \(rollout.status)")
            return
        }
        let rolledBack = Set(abort.compactMap { if case .rollBack(let device, 1) = $0 { device } else { nil } })
        #expect(rolledBack.count == 1 + 4 + 10)
        let stopped = Set(abort.compactMap { if case .setDesired(let device, 1) = $0 { device } else { nil } })
        #expect(stopped == Set(third[13...]))
        // A device that commits after the abort goes back too; the waiting ones are never touched. The runner keeps
        // reading outcomes while any device is still updating.
        #expect(rollout.awaitsLateOutcomes)
        #expect(rollout.handle(.committed(device: third[13])) == [.rollBack(device: third[13], version: 1)])
        for device in third[14...] { _ = rollout.handle(.failed(device: device, reason: "gave up")) }
        #expect(!rollout.awaitsLateOutcomes)
        #expect(rollout.counts[.waiting] == 25)
    }

    @Test func anUnhealthyDeviceDuringTheSoakCounts() throws {
        var rollout = try RolloutController(plan: try plan(maxFailureRate: 0), fleet: Self.fleet)
        let first = rollout.handle(.start(now: 0))
        guard case .setDesired(let device, _) = first.first else {
            Issue.record("no first wave")
            return
        }
        _ = rollout.handle(.committed(device: device))
        _ = rollout.handle(.tick(now: 1))
        #expect(
            rollout.handle(.unhealthy(device: device, reason: "latency")) == [.rollBack(device: device, version: 1)]
        )
    }

    @Test func devicesSilentPastTheWaveTimeoutCountAsFailed() throws {
        let plan = try RolloutPlan(
            model: "bearing",
            version: 2,
            waves: [.devices(10), .percent(100)],
            maxFailureRate: 0.2,
            minHealthyMs: 0,
            waveTimeoutMs: 1_000
        )
        var rollout = try RolloutController(plan: plan, fleet: Self.fleet)
        let wave = rollout.handle(.start(now: 0)).compactMap { if case .setDesired(let d, _) = $0 { d } else { nil } }
        for device in wave[..<8] { _ = rollout.handle(.committed(device: device)) }
        // Two of ten silent is within 20 %: the wave passes at the timeout, without them.
        #expect(rollout.handle(.tick(now: 999)).isEmpty)
        #expect(rollout.handle(.tick(now: 1_000)).count == 40)
        #expect(rollout.devices[wave[9]] == .failed)
        // Three silent of ten is not.
        var strict = try RolloutController(plan: plan, fleet: Self.fleet)
        _ = strict.handle(.start(now: 0))
        for device in wave[..<7] { _ = strict.handle(.committed(device: device)) }
        _ = strict.handle(.tick(now: 1_000))
        guard case .aborted = strict.status else {
            Issue.record("not aborted: \(strict.status)")
            return
        }
    }

    @Test func theStateSurvivesARestartAsJSON() throws {
        var rollout = try RolloutController(plan: try plan(), fleet: Self.fleet)
        _ = rollout.handle(.start(now: 0))
        _ = rollout.handle(.committed(device: "dev-00"))
        let restored = try JSONDecoder().decode(RolloutController.self, from: try JSONEncoder().encode(rollout))
        #expect(restored == rollout)
    }
}
