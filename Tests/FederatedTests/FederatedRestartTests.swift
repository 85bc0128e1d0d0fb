import EdgeCore
import HubCore
import SensorDataset
import TestSupport
import Testing
import WireProtocol

/// A hub restarted in the middle of a run carries on from the state it saved: no round is lost or repeated.
@Suite struct FederatedRestartTests {
    @Test(.timeLimit(.minutes(2)))
    func aRunSurvivesAHubRestart() async throws {
        let directory = try TemporaryDirectory(prefix: "fl-restart")
        defer { directory.remove() }
        let broker = try MosquittoBroker()
        try broker.start()
        defer { broker.stop() }
        let windows = try exportedWindows(seconds: 3, into: directory)
        let settings = try hubSettings(port: broker.port, path: directory.file("hub.sqlite"), keys: directory.file("k"))
        let store = try HubStore(path: settings.storagePath)
        let snapshot = try store.importDataset(windows, source: "firmware-sim export", now: 1)
        var config = TrainingConfig()
        config.hidden = [8]
        config.epochs = 2
        let base = try WindowTraining.train(
            windows,
            datasetHash: snapshot.hash,
            name: "bearing",
            version: 1,
            config: config
        )
        try store.register(trained: base, actor: "test", now: 2, signer: nil)
        let heldOut = try FederatedHeldOut.load(model: "bearing", version: 1, store: store)
        let pipeline = try #require(base.artifact.manifest.featurePipeline)
        let labels = base.artifact.manifest.labels
        var edges: [RunningService] = []
        for index in 0..<3 {
            let edge = try edgeSettings(
                device: "fl-r\(index)",
                port: broker.port,
                directory: directory.file("e\(index)")
            )
            let edgeStore = try EdgeStateStore(directory: edge.stateDirectory)
            for (offset, (input, label)) in zip(heldOut.split.train.inputs, heldOut.split.train.labels).enumerated()
            where offset % 3 == index {
                try edgeStore.recordSample(
                    LabelledSample(label: labels[label], windowStartMs: Int64(offset), values: input),
                    pipeline: PipelineFingerprint(pipeline),
                    capacity: 2_000
                )
            }
            edges.append(RunningService(try EdgeDaemon(settings: edge, store: edgeStore, logger: quietLogger)))
        }
        let first = RunningService(HubDaemon(settings: settings, store: store, logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await first.group.run() }
            for edge in edges { tasks.addTask { try await edge.group.run() } }
            try store.startFederatedRun(FederatedPlan(model: "bearing", rounds: 4, minClients: 3), now: 3)
            #expect(
                try await eventually(within: .seconds(30)) {
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
            #expect(try await eventually(within: .seconds(60)) { try store.currentFederatedRun()!.machine.isFinished })
            let machine = try #require(try store.currentFederatedRun()).machine
            #expect(machine.status == .completed(version: 5))
            #expect(machine.history.map(\.round) == [1, 2, 3, 4])
            #expect(machine.history.map(\.version) == [2, 3, 4, 5])
            #expect(try store.models().filter { $0.name == "bearing" }.count == 5)
            await second.stop()
            for edge in edges { await edge.stop() }
            try await tasks.waitForAll()
        }
    }
}
