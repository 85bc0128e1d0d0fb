import EdgeCore
import EdgeModel
import FederatedAggregation
import HubCore
import MQTTTransport
import ModelTraining
import SensorDataset
import TestSupport
import Testing
import WireProtocol

/// Federated learning end to end: a real broker, a hub daemon with its SQLite store, 20 edge daemons in this process.
/// The edges' local samples are non-IID label splits of a firmware-sim export (each edge holds two of the five
/// classes); only updates travel.
@Suite(.serialized) struct FederatedFleetTests {
    static let edgeCount = 20

    @Test(.timeLimit(.minutes(5)))
    func fedAvgRoundsReachCentralAccuracyAndARoundSurvivesDisappearingClients() async throws {
        let fixture = try FleetFixture(seconds: 8)
        defer { fixture.close() }
        let store = fixture.store

        // The hub: a snapshot of the export, a weak first version (one epoch at a tiny rate) and, for comparison,
        // the same model trained centrally to convergence on the same split.
        var central = TrainingConfig()
        central.hidden = [16]
        central.epochs = 80
        central.patience = 20
        var weak = central
        weak.epochs = 1
        weak.learningRate = 1e-4
        let base = try fixture.registerBase(weak)
        let reference = try WindowTraining.train(
            fixture.windows,
            datasetHash: fixture.snapshot.hash,
            name: "central",
            version: 1,
            config: central
        )
        let centralAccuracy = reference.evaluation.float.accuracy
        let heldOut = try FederatedHeldOut.load(model: "bearing", version: 1, store: store)
        let startAccuracy = try heldOut.accuracy(of: base.network)

        // Local samples: the training part of the split, each class shared by the eight edges that hold it.
        let pipeline = try #require(base.artifact.manifest.featurePipeline)
        let labels = base.artifact.manifest.labels
        let devices = (0..<Self.edgeCount).map { String(format: "fl-edge-%02d", $0) }
        var perEdge = [[LabelledSample]](repeating: [], count: Self.edgeCount)
        var seen = [Int](repeating: 0, count: labels.count)
        for (input, label) in zip(heldOut.split.train.inputs, heldOut.split.train.labels) {
            let holders = (0..<Self.edgeCount).filter { $0 % labels.count == label || ($0 + 1) % labels.count == label }
            let edge = holders[seen[label] % holders.count]
            seen[label] += 1
            perEdge[edge].append(LabelledSample(label: labels[label], windowStartMs: Int64(seen[label]), values: input))
        }
        var edgeSettings: [EdgeSettings] = []
        for (index, device) in devices.enumerated() {
            #expect(Set(perEdge[index].map(\.label)).count == 2)
            edgeSettings.append(try fixture.edge(device, samples: perEdge[index], pipeline: pipeline))
        }

        let hubService = RunningService(HubDaemon(settings: fixture.hub, store: store, logger: quietLogger))
        var edges = try edgeSettings.map(RunningService.edge)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await hubService.group.run() }
            for edge in edges { tasks.addTask { try await edge.group.run() } }
            #expect(try await eventually(within: .seconds(60)) { try Self.online(store) == Self.edgeCount })

            // Ten FedAvg rounds with every device.
            let started = ContinuousClock.now
            try store.startFederatedRun(
                FederatedPlan(
                    model: "bearing",
                    rounds: 10,
                    minClients: 10,
                    deadlineMs: 30_000,
                    epochs: 3,
                    batchSize: 8,
                    learningRate: 0.1
                ),
                now: 3
            )
            #expect(try await eventually(within: .seconds(150)) { try store.currentFederatedRun()!.machine.isFinished })
            let run = try #require(try store.currentFederatedRun()).machine
            #expect(run.status == .completed(version: 11))
            let accuracies = run.history.map(\.accuracy)
            print(
                "fl fedavg: start \(startAccuracy), rounds \(accuracies), central \(centralAccuracy), "
                    + "participants \(run.history.map(\.participants.count)), 10 rounds in \(ContinuousClock.now - started)"
            )
            #expect(run.history.allSatisfy { $0.participants.count == Self.edgeCount })
            #expect(accuracies.last! > startAccuracy + 0.3)
            #expect(accuracies.last! >= centralAccuracy - 0.03)
            let last = try store.model("bearing", version: 11)
            #expect(last.lineage.federatedRound == 10)
            #expect(last.lineage.parentVersion == 10)
            #expect(last.tags["fl.strategy"] == "fedavg")

            // A round where 30 % of the selected devices disappear: six devices come back unwilling to train,
            // are selected, then go away; the round closes at its deadline with the other fourteen.
            let leaving = Array(0..<6)
            for index in leaving { await edges[index].stop() }
            #expect(try await eventually(within: .seconds(60)) { try Self.online(store) == Self.edgeCount - 6 })
            for index in leaving {
                var settings = edgeSettings[index]
                settings.federated.enabled = false
                edges[index] = try RunningService.edge(settings)
                let edge = edges[index]
                tasks.addTask { try await edge.group.run() }
            }
            #expect(try await eventually(within: .seconds(60)) { try Self.online(store) == Self.edgeCount })
            try store.startFederatedRun(
                FederatedPlan(model: "bearing", rounds: 1, minClients: 14, deadlineMs: 8_000, maxRetries: 0),
                now: 4
            )
            #expect(
                try await eventually(within: .seconds(20)) {
                    try store.currentFederatedRun()!.machine.currentRoundID != nil
                }
            )
            for index in leaving { await edges[index].stop() }
            #expect(try await eventually(within: .seconds(30)) { try store.currentFederatedRun()!.machine.isFinished })
            let dropout = try #require(try store.currentFederatedRun()).machine
            #expect(dropout.status == .completed(version: 12))
            #expect(dropout.history.first?.selected == Self.edgeCount)
            #expect(dropout.history.first?.participants.count == Self.edgeCount - 6)

            await hubService.stop()
            for edge in edges { await edge.stop() }
            try await tasks.waitForAll()
        }
    }

    private static func online(_ store: HubStore) throws -> Int {
        try store.devices().filter { $0.state == "online" && $0.device.hasPrefix("fl-edge-") }.count
    }
}
