import FoundationEssentials
import HubCore
import Testing

@Suite struct FederatedRunMachineTests {
    typealias Machine = FederatedRunMachine

    private static func plan(
        rounds: Int = 2,
        fraction: Double = 1,
        minClients: Int = 2,
        retries: Int = 1
    ) -> FederatedPlan {
        FederatedPlan(
            model: "m",
            rounds: rounds,
            fraction: fraction,
            minClients: minClients,
            deadlineMs: 1_000,
            maxRetries: retries
        )
    }

    private static let fleet = ["d1", "d2", "d3", "d4"]

    @Test func waitsForEnoughOnlineDevicesThenAnnouncesToTheSelection() {
        var machine = Machine(plan: Self.plan(minClients: 3), baseVersion: 4, firstRoundID: 100)
        #expect(machine.handle(.tick(now: 0, online: ["d1", "d2"], received: [])) == [])
        #expect(machine.status == .waiting(round: 1))
        let actions = machine.handle(.tick(now: 10, online: ["d3", "d1", "d2", "d1"], received: []))
        #expect(
            actions == [.announce(round: 1, id: 100, baseVersion: 4, devices: ["d1", "d2", "d3"], deadlineMs: 1_010)]
        )
        #expect(machine.currentRoundID == 100)
    }

    @Test(arguments: [(0.25, 2, 2), (0.5, 1, 2), (0.6, 1, 3), (1.0, 2, 4)])
    func selectsTheFractionButAtLeastMinClients(fraction: Double, minClients: Int, expected: Int) {
        var machine = Machine(
            plan: Self.plan(fraction: fraction, minClients: minClients),
            baseVersion: 1,
            firstRoundID: 1
        )
        guard
            case .announce(_, _, _, let devices, _) = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
                .first
        else {
            Issue.record("no announcement")
            return
        }
        #expect(devices.count == expected)
        #expect(Set(devices).isSubset(of: Self.fleet))
        #expect(devices == devices.sorted())
    }

    @Test func selectionIsSeededAndVariesByRound() {
        let online = (0..<50).map { "d\($0)" }
        func selection(seed: UInt64) -> [String] {
            var plan = Self.plan(fraction: 0.2)
            plan.seed = seed
            var machine = Machine(plan: plan, baseVersion: 1, firstRoundID: 1)
            guard
                case .announce(_, _, _, let devices, _) = machine.handle(.tick(now: 0, online: online, received: []))
                    .first
            else { return [] }
            return devices
        }
        #expect(selection(seed: 1) == selection(seed: 1))
        #expect(selection(seed: 1) != selection(seed: 2))
        #expect(selection(seed: 1).count == 10)
    }

    @Test func closesAsSoonAsEverySelectedDeviceSentItsUpdateThenRunsTheNextRound() {
        var machine = Machine(plan: Self.plan(), baseVersion: 4, firstRoundID: 100)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        #expect(machine.handle(.tick(now: 5, online: Self.fleet, received: ["d1", "d2", "d3"])) == [])
        #expect(
            machine.handle(.tick(now: 6, online: Self.fleet, received: Set(Self.fleet + ["stranger"])))
                == [.aggregate(round: 1, id: 100, baseVersion: 4, participants: Self.fleet)]
        )
        #expect(machine.handle(.aggregated(version: 5, accuracy: 0.8)) == [])
        #expect(machine.status == .waiting(round: 2))
        #expect(machine.baseVersion == 5)
        let next = machine.handle(.tick(now: 7, online: Self.fleet, received: []))
        #expect(next == [.announce(round: 2, id: 101, baseVersion: 5, devices: Self.fleet, deadlineMs: 1_007)])
        _ = machine.handle(.tick(now: 8, online: Self.fleet, received: Set(Self.fleet)))
        #expect(machine.handle(.aggregated(version: 6, accuracy: 0.9)) == [.retract])
        #expect(machine.status == .completed(version: 6))
        #expect(machine.history.map(\.version) == [5, 6])
        #expect(machine.history.map(\.accuracy) == [0.8, 0.9])
        #expect(machine.handle(.tick(now: 9, online: Self.fleet, received: [])) == [])
    }

    @Test func stragglersAreLeftOutAtTheDeadlineWhenMinClientsArrived() {
        var machine = Machine(plan: Self.plan(minClients: 3), baseVersion: 1, firstRoundID: 1)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        #expect(machine.handle(.tick(now: 999, online: Self.fleet, received: ["d1", "d2", "d4"])) == [])
        #expect(
            machine.handle(.tick(now: 1_000, online: ["d1"], received: ["d1", "d2", "d4"]))
                == [.aggregate(round: 1, id: 1, baseVersion: 1, participants: ["d1", "d2", "d4"])]
        )
        _ = machine.handle(.aggregated(version: 2, accuracy: 0.5))
        #expect(machine.history.first?.selected == 4)
        #expect(machine.history.first?.participants == ["d1", "d2", "d4"])
    }

    @Test func aRoundWithTooFewUpdatesIsRetriedWithANewIdThenTheRunFails() {
        var machine = Machine(plan: Self.plan(minClients: 3, retries: 1), baseVersion: 1, firstRoundID: 1)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        let retry = machine.handle(.tick(now: 1_000, online: Self.fleet, received: ["d1"]))
        #expect(retry == [.announce(round: 1, id: 2, baseVersion: 1, devices: Self.fleet, deadlineMs: 2_000)])
        #expect(machine.handle(.tick(now: 2_000, online: Self.fleet, received: ["d1", "d2"])) == [.retract])
        guard case .failed(let reason) = machine.status else {
            Issue.record("not failed: \(machine.status)")
            return
        }
        #expect(reason.contains("2 of 4 updates"))
    }

    @Test func aRetryWaitsForEnoughOnlineDevices() {
        var machine = Machine(plan: Self.plan(minClients: 3, retries: 2), baseVersion: 1, firstRoundID: 1)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        #expect(machine.handle(.tick(now: 1_000, online: ["d1"], received: [])) == [])
        #expect(machine.currentRoundID == 1)
        let retry = machine.handle(.tick(now: 1_500, online: ["d1", "d2", "d3"], received: []))
        #expect(retry == [.announce(round: 1, id: 2, baseVersion: 1, devices: ["d1", "d2", "d3"], deadlineMs: 2_500)])
    }

    @Test func aggregationFailureAndAbortEndTheRun() {
        var failing = Machine(plan: Self.plan(), baseVersion: 1, firstRoundID: 1)
        _ = failing.handle(.tick(now: 0, online: Self.fleet, received: []))
        _ = failing.handle(.tick(now: 1, online: Self.fleet, received: Set(Self.fleet)))
        #expect(failing.handle(.aggregationFailed(reason: "bad")) == [.retract])
        #expect(failing.status == .failed(reason: "round 1: bad"))
        var aborted = Machine(plan: Self.plan(), baseVersion: 1, firstRoundID: 1)
        #expect(aborted.handle(.abort(reason: "operator")) == [.retract])
        #expect(aborted.isFinished)
    }

    @Test func aRestartedHubAggregatesAHalfClosedRoundAgain() throws {
        var machine = Machine(plan: Self.plan(), baseVersion: 1, firstRoundID: 1)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        _ = machine.handle(.tick(now: 1, online: Self.fleet, received: Set(Self.fleet)))
        // Saved as JSON and read back, as the hub's store does.
        var restored = try JSONDecoder().decode(Machine.self, from: JSONEncoder().encode(machine))
        #expect(restored == machine)
        #expect(
            restored.handle(.tick(now: 2, online: [], received: []))
                == [.aggregate(round: 1, id: 1, baseVersion: 1, participants: Self.fleet)]
        )
    }

    @Test func completionRollsOutWhenThePlanAsks() {
        var plan = Self.plan(rounds: 1)
        plan.rollout = true
        var machine = Machine(plan: plan, baseVersion: 1, firstRoundID: 1)
        _ = machine.handle(.tick(now: 0, online: Self.fleet, received: []))
        _ = machine.handle(.tick(now: 1, online: Self.fleet, received: Set(Self.fleet)))
        #expect(machine.handle(.aggregated(version: 2, accuracy: 1)) == [.retract, .rollout(version: 2)])
    }

    @Test(arguments: [
        FederatedPlan(model: "a/b"), FederatedPlan(model: "m", rounds: 0), FederatedPlan(model: "m", fraction: 0),
        FederatedPlan(model: "m", minClients: 0), FederatedPlan(model: "m", deadlineMs: 10),
        FederatedPlan(model: "m", maxRetries: -1), FederatedPlan(model: "m", epochs: 0),
        FederatedPlan(model: "m", learningRate: 0), FederatedPlan(model: "m", proximalMu: -1),
        FederatedPlan(model: "m", topK: 2), FederatedPlan(model: String(repeating: "m", count: 59)),
        FederatedPlan(
            model: "m",
            strategy: {
                var s = FederatedStrategyConfig(kind: .fedtrimmedavg)
                s.beta = 0.7
                return s
            }()
        ),
    ])
    func refusesABadPlan(plan: FederatedPlan) {
        #expect(throws: FederatedRunError.self) { try plan.validate() }
    }
}
