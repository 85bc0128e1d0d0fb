import HubCore
import MQTTTransport
import TestSupport
import Testing
import WireProtocol

@Suite("Hub daemon against a real broker")
struct HubDaemonTests {
    @Test func storesStatusesAndEventsOfDevicesOnceEach() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let device = try DeviceID(uniqueID("dev"))
        let topics = hub.settings.topics
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let status = try DeviceStatus(
                device: device,
                seq: 3,
                ts: 1_700_000_000_000,
                state: .online,
                runtimeVersion: "1.2.3",
                activeModel: ModelReference(name: "anomaly", version: 4)
            )
            try await fake.publish(status.encode(), on: topics.topic(.status, for: device), retain: true)
            for seq in UInt64(4)...6 {
                let event = try DeviceEvent(
                    device: device,
                    seq: seq,
                    ts: 1,
                    kind: "test.event",
                    severity: .info,
                    message: ""
                )
                try await fake.publish(event.encode(), on: topics.topic(.events, for: device))
            }
            // Delivery is at least once: a repeated event must be stored once.
            let repeated = try DeviceEvent(
                device: device,
                seq: 5,
                ts: 1,
                kind: "test.event",
                severity: .info,
                message: ""
            )
            try await fake.publish(repeated.encode(), on: topics.topic(.events, for: device))

            #expect(try await eventually { try hub.store.eventCount(device: device.rawValue) == 3 })
            let record = try #require(try hub.record(device.rawValue))
            #expect(record.state == "online")
            #expect(record.lastSeq == 3)
            #expect(record.runtimeVersion == "1.2.3")
            #expect(record.model == "anomaly@4")
            #expect(hub.rejected == 0)
            await fake.close()
        }
        #expect(try hub.store.eventCount(device: device.rawValue) == 3)
    }

    @Test func ingestsRetainedStatusesPublishedBeforeItStarted() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let device = uniqueID("early")
        let fake = try await Observer.connect(port: broker.port, filters: [])
        let topic = hub.settings.topics.topic(.status, for: try DeviceID(device))
        try await fake.publish(JSONPayload.status(device: device, seq: 7), on: topic, retain: true)
        let stored = try await whileRunning(hub.daemon) {
            try await eventually { try hub.record(device)?.lastSeq == 7 }
        }
        #expect(stored)
        await fake.close()
    }

    @Test func olderStatusDoesNotOverwriteNewer() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let device = uniqueID("dev")
        let topics = hub.settings.topics
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let topic = topics.topic(.status, for: try DeviceID(device))
            try await fake.publish(JSONPayload.status(device: device, seq: 10, state: "online"), on: topic)
            #expect(try await eventually { try hub.record(device)?.lastSeq == 10 })

            try await fake.publish(JSONPayload.status(device: device, seq: 9, state: "offline"), on: topic)
            // Messages of one client arrive in order: once the marker is stored, the older status was handled.
            let marker = try DeviceEvent(
                device: DeviceID(device),
                seq: 11,
                ts: 1,
                kind: "marker",
                severity: .info,
                message: ""
            )
            try await fake.publish(marker.encode(), on: topics.topic(.events, for: try DeviceID(device)))
            #expect(try await eventually { try hub.store.eventCount(device: device) == 1 })
            let record = try #require(try hub.record(device))
            #expect(record.state == "online")
            #expect(record.lastSeq == 10)

            try await fake.publish(JSONPayload.status(device: device, seq: 12, state: "offline"), on: topic)
            #expect(try await eventually { try hub.record(device)?.state == "offline" })
            await fake.close()
        }
    }

    @Test(arguments: [DeviceTopic.status, .events])
    func rejectsPayloadWhoseDeviceDiffersFromTopic(_ kind: DeviceTopic) async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let victim = try DeviceID(uniqueID("victim"))
        let impostor = try DeviceID(uniqueID("impostor"))
        let topics = hub.settings.topics
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let payload =
                switch kind {
                case .status: JSONPayload.status(device: victim.rawValue, seq: 1)
                default:
                    try DeviceEvent(device: victim, seq: 1, ts: 1, kind: "forged", severity: .error, message: "")
                        .encode()
                }
            try await fake.publish(payload, on: topics.topic(kind, for: impostor))
            #expect(try await eventually { hub.rejected == 1 })

            // The hub keeps working, and neither device got the forged message.
            try await fake.publish(
                JSONPayload.status(device: impostor.rawValue, seq: 2),
                on: topics.topic(.status, for: impostor)
            )
            #expect(try await eventually { try hub.record(impostor.rawValue) != nil })
            #expect(try hub.record(victim.rawValue) == nil)
            #expect(try hub.store.eventCount(device: victim.rawValue) == 0)
            #expect(try hub.store.eventCount(device: impostor.rawValue) == 0)
            #expect(hub.rejected == 1)
            await fake.close()
        }
    }

    @Test(arguments: [DeviceTopic.status, .events])
    func countsGarbagePayloadsAndKeepsIngesting(_ kind: DeviceTopic) async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let device = try DeviceID(uniqueID("noisy"))
        let topics = hub.settings.topics
        try await whileRunning(hub.daemon) {
            let fake = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
            _ = try #require(await fake.nextStatus(on: hub.settings.statusTopic, state: .online))
            let garbage = BadPayloads.all(device: device)
            for payload in garbage {
                try await fake.publish(payload, on: topics.topic(kind, for: device))
            }
            #expect(try await eventually { hub.rejected == garbage.count })

            let event = try DeviceEvent(
                device: device,
                seq: 1,
                ts: 1,
                kind: "after.garbage",
                severity: .info,
                message: ""
            )
            try await fake.publish(event.encode(), on: topics.topic(.events, for: device))
            try await fake.publish(
                JSONPayload.status(device: device.rawValue, seq: 2),
                on: topics.topic(.status, for: device)
            )
            #expect(try await eventually { try hub.record(device.rawValue)?.lastSeq == 2 })
            #expect(try hub.store.eventCount(device: device.rawValue) == 1)
            #expect(hub.rejected == garbage.count)
            await fake.close()
        }
    }

    @Test func announcesOwnRetainedStatusOnlineThenOffline() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let observer = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
        let online = try await whileRunning(hub.daemon) {
            let online = try #require(await observer.nextStatus(on: hub.settings.statusTopic, state: .online))
            #expect(online.device == hub.settings.hubID)
            #expect(online.runtimeVersion == HubDaemon.version)
            return online
        }
        let live = try #require(await observer.nextStatus(on: hub.settings.statusTopic, state: .offline))
        #expect(live.seq > online.seq)
        await observer.close()

        let late = try await Observer.connect(port: broker.port, filters: [hub.settings.statusTopic])
        let retained = try #require(await late.next { _ in true })
        #expect(retained.retain)
        #expect(try DeviceStatus.decode(retained.payload).state == .offline)
        await late.close()
        // The hub's own status lies outside the device namespace: it is not stored as a device.
        #expect(try hub.store.devices().isEmpty)
    }

    @Test func shutsDownCleanlyWhileStillWaitingForTheBroker() async throws {
        let placeholder = try MosquittoBroker()
        let hub = try HubUnderTest(broker: placeholder)
        placeholder.stop()
        try await whileRunning(hub.daemon) {
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(try hub.store.devices().isEmpty)
    }
}
