import HubCore
import TestSupport
import Testing
import WireProtocol

@Suite("Hub store: presence ordering with sessions")
struct HubStoreTests {
    private func status(_ state: DeviceStatus.State, seq: UInt64, session: UInt64?) throws -> DeviceStatus {
        try DeviceStatus(device: DeviceID("d1"), seq: seq, ts: 1, state: state, runtimeVersion: "1", session: session)
    }

    private func state(after statuses: [DeviceStatus]) throws -> DeviceRecord? {
        let directory = try TemporaryDirectory(prefix: "hub-store")
        defer { directory.remove() }
        let store = try HubStore(path: directory.file("hub.sqlite"))
        for status in statuses { try store.record(statuses: [status], events: [], receivedAt: 1) }
        return try store.devices().first
    }

    @Test func willOfTheCurrentSessionMarksTheDeviceOfflineThoughItsSeqIsOlder() throws {
        let record = try state(after: [status(.online, seq: 5, session: 4), status(.offline, seq: 4, session: 4)])
        #expect(record?.state == "offline")
        #expect(record?.lastSeq == 5)
    }

    @Test func telemetryMovesLastSeenForward() throws {
        let directory = try TemporaryDirectory(prefix: "hub-store")
        defer { directory.remove() }
        let store = try HubStore(path: directory.file("hub.sqlite"))
        try store.record(statuses: [status(.online, seq: 1, session: 1)], events: [], receivedAt: 1_000)
        let batch = try TelemetryBatch(
            device: DeviceID("d1"),
            records: [try TelemetryRecord(seq: 2, ts: 1, payload: .metric(name: "m", value: 1))]
        )
        try store.record(statuses: [], events: [], telemetry: [batch], receivedAt: 9_000)
        #expect(try store.devices().first?.lastSeenMs == 9_000)
        // A late redelivery does not move it back.
        try store.record(statuses: [], events: [], telemetry: [batch], receivedAt: 5_000)
        #expect(try store.devices().first?.lastSeenMs == 9_000)
    }

    @Test func willOfAnOlderSessionIsIgnored() throws {
        let record = try state(after: [status(.online, seq: 9, session: 8), status(.offline, seq: 4, session: 4)])
        #expect(record?.state == "online")
    }

    @Test func olderOnlineStatusNeverOverridesANewerOne() throws {
        let record = try state(after: [status(.offline, seq: 9, session: 4), status(.online, seq: 5, session: 4)])
        #expect(record?.state == "offline")
        #expect(record?.lastSeq == 9)
    }

    @Test func statusWithoutSessionFollowsSeqOnly() throws {
        let record = try state(after: [status(.online, seq: 5, session: nil), status(.offline, seq: 4, session: nil)])
        #expect(record?.state == "online")
    }
}
