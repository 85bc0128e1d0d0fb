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
        try hub.register(1, good, signedBy: key)
        try hub.register(2, broken, signedBy: key)
        let observer = try await edge.observe(on: broker)
        defer { Task { await observer.close() } }
        try await whileRunning(hub.daemon) { () async throws in
            try await whileRunning(try edge.daemon(selfTest: UpdateHarness.selfTest)) { () async throws in
                #expect(try await update(to: 1, observer)?.kind == "update.committed")
                #expect(try await eventually { try hub.record(edge.settings.device.rawValue)?.model == "bearing@1" })
                // The retained status names the model and the slot it runs from.
                let status = await observer.next(within: .seconds(10)) { message in
                    (try? DeviceStatus.decode(message.payload))?.activeModel?.version == 1
                }
                let announced = try status.map { try DeviceStatus.decode($0.payload) }
                #expect(announced?.activeSlot == .a)
                #expect(announced?.activeModel == (try ModelReference(name: "bearing", version: 1)))
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

    @Test func theHubAnswersBadArtifactRequestsWithAStatusOrRejectsThem() async throws {
        try hub.register(1, artifactBytes(100, seed: 1), signedBy: key)
        let observer = try await Observer.connect(
            port: broker.port,
            filters: [edge.topic(.artifactChunk), hub.settings.statusTopic]
        )
        defer { Task { await observer.close() } }
        try await whileRunning(hub.daemon) { () async throws in
            // The hub subscribes before it announces itself online.
            _ = try #require(await observer.nextStatus(on: hub.settings.statusTopic, state: .online))
            let device = edge.settings.device
            let requests = [
                try ArtifactRequest(device: device, seq: 1, name: "pump", version: 1, offset: 0, length: 10),
                try ArtifactRequest(device: device, seq: 2, name: "bearing", version: 7, offset: 0, length: 10),
                try ArtifactRequest(device: device, seq: 3, name: "bearing", version: 1, offset: 100, length: 10),
                try ArtifactRequest(device: device, seq: 4, name: "bearing", version: 1, offset: 95, length: 10),
            ]
            for request in requests { try await observer.publish(request.encode(), on: edge.topic(.artifactGet)) }
            var answers: [UInt64: ArtifactChunk] = [:]
            while answers.count < requests.count {
                guard let message = await observer.next(where: { $0.topic == edge.topic(.artifactChunk) }) else {
                    break
                }
                let chunk = try ArtifactChunk.decode(message.payload)
                answers[chunk.requestSeq] = chunk
            }
            #expect(answers[1]?.status == .unknownArtifact)
            #expect(answers[2]?.status == .unknownArtifact)
            #expect(answers[3]?.status == .badRange)
            // Only the 5 bytes that exist, never past the end.
            #expect(answers[4]?.status == .ok)
            #expect(answers[4]?.data.count == 5)
            #expect(answers[4]?.totalLength == 100)
            // Garbage and a request made in another device's name are rejected and counted.
            try await observer.publish(Array("{not json".utf8), on: edge.topic(.artifactGet))
            let impostor = try ArtifactRequest(
                device: DeviceID("other"),
                seq: 5,
                name: "bearing",
                version: 1,
                offset: 0,
                length: 1
            )
            try await observer.publish(impostor.encode(), on: edge.topic(.artifactGet))
            #expect(try await eventually { hub.rejected == 2 })
        }
    }

    @Test func theRollbackCommandReturnsToThePreviousModel() async throws {
        try hub.register(1, artifactBytes(3_000, seed: 1), signedBy: key)
        try hub.register(2, artifactBytes(3_000, seed: 2), signedBy: key)
        let observer = try await edge.observe(on: broker)
        defer { Task { await observer.close() } }
        try await whileRunning(hub.daemon) { () async throws in
            try await whileRunning(try edge.daemon(selfTest: UpdateHarness.selfTest)) { () async throws in
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
