import EdgeCore
import HubCore
import SensorDataset
import TestSupport
import Testing
import WireProtocol

/// A hub restarted in the middle of a run carries on from the state it saved: no round is lost or repeated, and the
/// last version is rolled out as the plan asks.
@Suite struct FederatedRestartTests {
    @Test(.timeLimit(.minutes(5)))
    func aRunSurvivesAHubRestart() async throws {
        let fixture = try FleetFixture(seconds: 3)
        defer { fixture.close() }
        let store = fixture.store
        let settings = fixture.hub
        var config = TrainingConfig()
        config.hidden = [8]
        config.epochs = 2
        let base = try fixture.registerBase(config)
        let heldOut = try FederatedHeldOut.load(model: "bearing", version: 1, store: store)
        let pipeline = try #require(base.artifact.manifest.featurePipeline)
        let labels = base.artifact.manifest.labels
        let samples = zip(heldOut.split.train.inputs, heldOut.split.train.labels).enumerated().map { offset, sample in
            LabelledSample(label: labels[sample.1], windowStartMs: Int64(offset), values: sample.0)
        }
        let edges = try (0..<3).map { index in
            try RunningService.edge(
                fixture.edge(
                    "fl-r\(index)",
                    samples: samples.indices.filter { $0 % 3 == index }.map { samples[$0] },
                    pipeline: pipeline
                )
            )
        }
        let first = RunningService(HubDaemon(settings: settings, store: store, logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await first.group.run() }
            for edge in edges { tasks.addTask { try await edge.group.run() } }
            // Updates sent while no hub listens are lost: a short deadline lets the round be tried again soon.
            try store.startFederatedRun(
                FederatedPlan(
                    model: "bearing",
                    rounds: 4,
                    minClients: 3,
                    deadlineMs: 10_000,
                    maxRetries: 10,
                    rollout: true
                ),
                now: 3
            )
            #expect(
                try await eventually(within: .seconds(90)) {
                    try store.currentFederatedRun()!.machine.history.count >= 1
                }
            )
            await first.stop()
            let closedBefore = try #require(try store.currentFederatedRun()).machine.history.count
            #expect(closedBefore < 4)
            let second = RunningService(
                HubDaemon(settings: settings, store: try HubStore(path: settings.storagePath), logger: quietLogger)
            )
            tasks.addTask { try await second.group.run() }
            #expect(try await eventually(within: .seconds(150)) { try store.currentFederatedRun()!.machine.isFinished })
            let machine = try #require(try store.currentFederatedRun()).machine
            #expect(machine.status == .completed(version: 5))
            #expect(machine.history.map(\.round) == [1, 2, 3, 4])
            #expect(machine.history.map(\.version) == [2, 3, 4, 5])
            #expect(try store.models().filter { $0.name == "bearing" }.count == 5)
            // The plan asked for a rollout of the last version once the run completed.
            #expect(try store.currentRollout()?.controller.plan.version == 5)
            await second.stop()
            for edge in edges { await edge.stop() }
            try await tasks.waitForAll()
        }
    }
}
