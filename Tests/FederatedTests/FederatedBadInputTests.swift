import DaemonSupport
import EdgeCore
import HubCore
import MQTTTransport
import TestSupport
import Testing
import WireProtocol

/// Hostile federated messages over a real broker: logged and counted, never stored or trained on, never fatal.
@Suite struct FederatedBadInputTests {
    @Test(.timeLimit(.minutes(2)))
    func theHubRejectsMalformedForeignLateAndUnselectedUpdates() async throws {
        let directory = try TemporaryDirectory(prefix: "fl-bad")
        defer { directory.remove() }
        let broker = try MosquittoBroker()
        try broker.start()
        defer { broker.stop() }
        let settings = try hubSettings(port: broker.port, path: directory.file("hub.sqlite"), keys: directory.file("k"))
        let store = try HubStore(path: settings.storagePath)
        let daemon = HubDaemon(settings: settings, store: store, logger: quietLogger)
        let hub = RunningService(daemon)
        let topics = settings.topics
        // A run collecting its first round from d1 and d2.
        try FederatedStoreTests.register(store, weights: true)
        let run = try store.startFederatedRun(FederatedPlan(model: "m"), now: 1)
        var machine = run.machine
        _ = machine.handle(.tick(now: unixMilliseconds(), online: ["d1", "d2"], received: []))
        try store.saveFederatedRun(id: run.id, machine)
        let round = try #require(machine.currentRoundID)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await hub.group.run() }
            #expect(try await awaitOnline(settings.statusTopic, port: broker.port))
            let client = try await connectedClient(port: broker.port)
            let valid = try FederatedUpdate(
                device: DeviceID("d1"),
                seq: 1,
                round: round,
                baseVersion: 1,
                examples: 4,
                update: [1, 2]
            )
            let otherRound = try FederatedUpdate(
                device: DeviceID("d1"),
                seq: 2,
                round: round + 1,
                baseVersion: 1,
                examples: 4,
                update: [1, 2]
            )
            let notSelected = try FederatedUpdate(
                device: DeviceID("d3"),
                seq: 2,
                round: round,
                baseVersion: 1,
                examples: 4,
                update: [1, 2]
            )
            var truncated = valid.encode()
            truncated.removeLast(3)
            for (device, payload) in [
                ("d1", truncated), ("d1", [0x46, 0x55]), ("d2", valid.encode()), ("d1", otherRound.encode()),
                ("d3", notSelected.encode()), ("d1", valid.encode()),
            ] {
                try await client.publish(
                    MQTTMessage(topic: topics.topic(.flUpdate, for: DeviceID(device)), payload: payload)
                )
            }
            #expect(
                try await eventually(within: .seconds(30)) {
                    try store.federatedUpdateDevices(round: round, baseVersion: 1, by: .max) == ["d1"]
                }
            )
            #expect(
                try await eventually(within: .seconds(30)) { daemon.counters.rejected.load(ordering: .relaxed) == 5 }
            )
            await client.disconnect()
            await hub.stop()
            try await tasks.waitForAll()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func theEdgeRejectsAMalformedRoundAndKeepsRunning() async throws {
        let directory = try TemporaryDirectory(prefix: "fl-bad")
        defer { directory.remove() }
        let broker = try MosquittoBroker()
        try broker.start()
        defer { broker.stop() }
        let settings = try edgeSettings(device: "fl-bad-edge", port: broker.port, directory: directory.file("edge"))
        let daemon = try EdgeDaemon(
            settings: settings,
            store: try EdgeStateStore(directory: settings.stateDirectory),
            logger: quietLogger
        )
        let edge = RunningService(daemon)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await edge.group.run() }
            #expect(try await awaitOnline(settings.topics.topic(.status, for: settings.device), port: broker.port))
            let client = try await connectedClient(port: broker.port)
            let bad = [Array(#"{"v":1,"round":0}"#.utf8), Array(#"{"v":2}"#.utf8), [0xFF, 0x00], []]
            for payload in bad {
                try await client.publish(MQTTMessage(topic: settings.topics.flRound, payload: payload))
            }
            // The empty payload (a retracted round) is not an error; the three others are.
            #expect(try await eventually(within: .seconds(30)) { daemon.health.errorCount == 3 })
            try await Task.sleep(for: .milliseconds(200))
            #expect(daemon.health.errorCount == 3)
            await client.disconnect()
            await edge.stop()
            try await tasks.waitForAll()
        }
    }
}
