import EdgeCore
import TestSupport
import Testing
import WireProtocol

@Suite("Telemetry from edge to hub")
struct TelemetryDeliveryTests {
    private static func metrics(_ values: Range<Int>) -> [TelemetryPayload] {
        values.map { .metric(name: "reading", value: Double($0)) }
    }

    /// Runs `hub` until it has stored `count` records of `device` and the edge has deleted them on the hub's
    /// confirmation (the hub must outlive its confirmation); whether both happened.
    private static func hubStoresAndConfirms(
        _ count: Int,
        from daemon: EdgeDaemon,
        device: String,
        hub: HubUnderTest
    ) async throws -> Bool {
        try await whileRunning(hub.daemon) {
            let stored = try await eventually { try hub.store.telemetryCount(device: device) == count }
            let confirmed = try await eventually { try daemon.outbox.depth() == 0 }
            return stored && confirmed
        }
    }

    @Test func everyRecordReachesTheHubOnceAndLeavesTheOutbox() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker)
        let device = edge.settings.device.rawValue
        let daemon = try edge.daemon()
        try await whileRunning(hub.daemon) {
            try await whileRunning(daemon) {
                for start in stride(from: 0, to: 5_000, by: 250) {
                    try daemon.outbox.record(Self.metrics(start..<start + 250))
                }
                #expect(try await eventually { try hub.store.telemetryCount(device: device) == 5_000 })
                #expect(try await eventually { try daemon.outbox.depth() == 0 })
            }
        }
        let values = try hub.store.telemetry(device: device, limit: 10_000).map { record -> Double in
            guard case .metric(_, let value) = record.payload else { return .nan }
            return value
        }
        #expect(values == (0..<5_000).map(Double.init))
        #expect(hub.rejected == 0)
    }

    @Test func healthRecordsCountTheEdgesErrors() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker, extraFlags: ["telemetry.health_interval=1s"])
        let device = edge.settings.device.rawValue
        try await whileRunning(hub.daemon) {
            try await whileRunning(try edge.daemon()) {
                let observer = try await edge.observe(on: broker)
                _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                try await observer.publish(Array("{not json".utf8), on: edge.topic(.command))
                let reported = try await eventually {
                    try hub.store.telemetry(device: device).contains { record in
                        guard case .health(let health) = record.payload else { return false }
                        return health.errorCount == 1 && health.memoryBytes > 1_000_000 && health.cpuFraction >= 0
                    }
                }
                #expect(reported)
                let health = try #require(try hub.record(device)?.health)
                #expect(health.errors == 1)
            }
        }
    }

    @Test func recordsMadeWhileTheBrokerIsDownArriveAfterItReturns() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker)
        let device = edge.settings.device.rawValue
        let daemon = try edge.daemon()
        try await whileRunning(hub.daemon) {
            try await whileRunning(daemon) {
                try daemon.outbox.record(Self.metrics(0..<10))
                #expect(try await eventually { try hub.store.telemetryCount(device: device) == 10 })
                #expect(try await eventually { try daemon.outbox.depth() == 0 })
                broker.kill()
                try daemon.outbox.record(Self.metrics(10..<30))
                #expect(try daemon.outbox.depth() == 20)
                try broker.start()
                #expect(
                    try await eventually(within: .seconds(20)) {
                        try hub.store.telemetryCount(device: device) == 30
                    }
                )
                #expect(try await eventually { try daemon.outbox.depth() == 0 })
            }
        }
    }

    @Test func recordsWaitInTheOutboxWhileNoHubListens() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker)
        let device = edge.settings.device.rawValue
        let daemon = try edge.daemon()
        let depthAfter = try await whileRunning(daemon) {
            try daemon.outbox.record(Self.metrics(0..<10))
            // The broker answers 0x10 (no subscribers) and drops the batch: the edge must keep it.
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try daemon.outbox.depth() == 10)
            #expect(try await Self.hubStoresAndConfirms(10, from: daemon, device: device, hub: hub))
            return try daemon.outbox.depth()
        }
        #expect(depthAfter == 0)
    }

    @Test func aBatchTheHubNeverConfirmedIsKeptAndSentAgain() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker, extraFlags: ["outbox.ack_timeout=300ms"])
        let device = edge.settings.device.rawValue
        let daemon = try edge.daemon()
        let depthAfter = try await whileRunning(daemon) {
            // A subscriber that takes batches and never confirms them, as a hub killed before its commit would.
            let silent = try await Observer.connect(port: broker.port, filters: [edge.topic(.telemetry)])
            try daemon.outbox.record(Self.metrics(0..<10))
            let telemetry = edge.topic(.telemetry)
            for _ in 0..<2 { _ = try #require(await silent.next(where: { $0.topic == telemetry })) }
            #expect(try daemon.outbox.depth() == 10)
            #expect(daemon.outbox.resent.load(ordering: .relaxed) >= 1)
            await silent.close()
            #expect(try await Self.hubStoresAndConfirms(10, from: daemon, device: device, hub: hub))
            return try daemon.outbox.depth()
        }
        #expect(depthAfter == 0)
    }

    @Test func aRedeliveredBatchIsStoredOnce() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let device = try DeviceID(uniqueID("dup"))
        let batch = try TelemetryBatch(
            device: device,
            records: try (1...3).map {
                try TelemetryRecord(seq: UInt64($0), ts: 1, payload: .metric(name: "m", value: 1))
            }
        )
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let topic = hub.settings.topics.topic(.telemetry, for: device)
            for _ in 0..<2 { try await fake.publish(batch.encode(), on: topic) }
            #expect(try await eventually { hub.daemon.counters.telemetryDuplicates.load(ordering: .relaxed) == 3 })
        }
        #expect(try hub.store.telemetryCount(device: device.rawValue) == 3)
    }

    @Test func aBatchOnAnotherDevicesTopicIsRejected() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let batch = try TelemetryBatch(
            device: try DeviceID("impostor"),
            records: [try TelemetryRecord(seq: 1, ts: 1, payload: .metric(name: "m", value: 1))]
        )
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let victim = try DeviceID(uniqueID("victim"))
            let topic = hub.settings.topics.topic(.telemetry, for: victim)
            try await fake.publish(batch.encode(), on: topic)
            try await fake.publish(Array("TB1".utf8), on: topic)
            #expect(try await eventually { hub.rejected == 2 })
            #expect(try hub.store.telemetryCount(device: victim.rawValue) == 0)
        }
    }
}
