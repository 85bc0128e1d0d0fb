import DaemonSupport
import EdgeCore
import HubCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// Over-the-air updates through a real broker, hub and edge: the hub's registry signs, its database holds the
/// desired state, the hub publishes it and serves the chunks, the edge verifies, stages, switches, checks, and
/// commits or rolls back, reporting every step.
@Suite("Over-the-air updates")
struct OverTheAirTests {
    let broker: MosquittoBroker
    let hub: HubUnderTest
    let key: SigningKeyPair
    let edge: EdgeUnderTest

    init() throws {
        broker = try MosquittoBroker()
        hub = try HubUnderTest(broker: broker)
        key = try SigningKeyPair.create(in: hub.directory.file("keys"))
        edge = try EdgeUnderTest(
            broker: broker,
            extraFlags: [
                "update.trusted_key=\(hub.directory.file("keys"))/\(SigningKeyPair.publicKeyFile)",
                "update.chunk_bytes=1024", "update.chunk_timeout=1s",
            ]
        )
    }

    func register(_ version: UInt32, _ artifact: [UInt8]) throws {
        try hub.store.register(
            ModelCandidate(
                name: "bearing",
                version: version,
                artifact: artifact,
                metrics: [:],
                lineage: ModelLineage()
            ),
            actor: "test",
            now: unixMilliseconds(),
            signer: key
        )
    }

    /// Sets the desired version and waits for the update's last event (committed, rolled back or rejected).
    func update(to version: UInt32, _ observer: Observer) async throws -> DeviceEvent? {
        try hub.store.setDesired(
            device: edge.settings.device,
            name: "bearing",
            version: version,
            now: unixMilliseconds()
        )
        let topic = edge.topic(.events)
        let message = await observer.next(within: .seconds(20)) { message in
            guard message.topic == topic, let event = try? DeviceEvent.decode(message.payload) else { return false }
            return event.message == "bearing@\(version)"
                && ["update.committed", "update.rolled_back", "update.rejected"].contains(event.kind)
        }
        return try message.map { try DeviceEvent.decode($0.payload) }
    }

    @Test func anUpdateIsCommittedAndABrokenOneRolledBack() async throws {
        let good = artifactBytes(10_000, seed: 1)
        let broken = Array("BAD".utf8) + artifactBytes(6_000, seed: 2)
        try register(1, good)
        try register(2, broken)
        let observer = try await edge.observe(on: broker)
        defer { Task { await observer.close() } }
        try await whileRunning(hub.daemon) { () async throws in
            try await whileRunning(try edge.daemon(inference: UpdateHarness.selfTest)) { () async throws in
                #expect(try await update(to: 1, observer)?.kind == "update.committed")
                #expect(try await eventually { try hub.record(edge.settings.device.rawValue)?.model == "bearing@1" })
                let rolledBack = try await update(to: 2, observer)
                #expect(rolledBack?.kind == "update.rolled_back")
                #expect(rolledBack?.fields["slot"] == "a")
            }
        }
        let store = try EdgeStateStore(directory: edge.settings.stateDirectory)
        #expect(try store.modelSlots().active?.version == 1)
        #expect(try store.trustedVersion(of: "bearing") == 1)
        #expect(hub.daemon.counters.chunksServed.load(ordering: .relaxed) >= 16)
        #expect(hub.rejected == 0)
    }

    @Test func theRollbackCommandReturnsToThePreviousModel() async throws {
        try register(1, artifactBytes(3_000, seed: 1))
        try register(2, artifactBytes(3_000, seed: 2))
        let observer = try await edge.observe(on: broker)
        defer { Task { await observer.close() } }
        try await whileRunning(hub.daemon) { () async throws in
            try await whileRunning(try edge.daemon(inference: UpdateHarness.selfTest)) { () async throws in
                #expect(try await update(to: 1, observer)?.kind == "update.committed")
                #expect(try await update(to: 2, observer)?.kind == "update.committed")
                #expect(try await edge.send("model.rollback", id: "rb-1", through: observer)?.kind == "command.done")
                #expect(try await eventually { try hub.record(edge.settings.device.rawValue)?.model == "bearing@1" })
            }
        }
        let store = try EdgeStateStore(directory: edge.settings.stateDirectory)
        #expect(try store.modelSlots().active?.version == 1)
        // The floor stays: version 2 cannot come back without a newer signed manifest.
        #expect(try store.trustedVersion(of: "bearing") == 2)
    }
}
