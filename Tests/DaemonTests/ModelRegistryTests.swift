import HubCore
import SQLiteStorage
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

@Suite("Model registry")
struct ModelRegistryTests {
    let directory: TemporaryDirectory
    let store: HubStore
    let keys: SigningKeyPair

    init() throws {
        directory = try TemporaryDirectory(prefix: "registry")
        store = try HubStore(path: directory.file("hub.sqlite"))
        keys = try SigningKeyPair.create(in: directory.file("keys"))
    }

    private func candidate(_ version: UInt32, name: String = "bearing", bytes: [UInt8] = [1, 2, 3]) -> ModelCandidate {
        ModelCandidate(
            name: name,
            version: version,
            artifact: bytes + [UInt8(truncatingIfNeeded: version)],
            metrics: ["accuracy": 0.97, "int8_accuracy": 0.965],
            lineage: ModelLineage(datasetHash: "abc123", parentVersion: version > 1 ? Int(version) - 1 : nil)
        )
    }

    private func code(of body: () throws -> Void) -> RegistryError.Code? {
        do {
            try body()
            return nil
        } catch let error as RegistryError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func versionsMustStrictlyIncreasePerName() throws {
        try store.register(candidate(1), actor: "test", now: 1, signer: keys)
        try store.register(candidate(3), actor: "test", now: 2, signer: keys)
        #expect(code { try store.register(candidate(3), actor: "test", now: 3, signer: keys) } == .versionNotIncreasing)
        #expect(code { try store.register(candidate(2), actor: "test", now: 3, signer: keys) } == .versionNotIncreasing)
        try store.register(candidate(1, name: "pump"), actor: "test", now: 4, signer: nil)
        #expect(try store.latestVersion(of: "bearing") == 3)
        #expect(try store.models().map { "\($0.name)@\($0.version)" } == ["bearing@3", "bearing@1", "pump@1"])
    }

    @Test func refusesBadNamesAndEmptyArtifacts() {
        #expect(code { try store.register(candidate(1, name: "a/b"), actor: "t", now: 1, signer: nil) } == .invalidName)
        let empty = ModelCandidate(name: "m", version: 1, artifact: [], metrics: [:], lineage: ModelLineage())
        #expect(code { try store.register(empty, actor: "t", now: 1, signer: nil) } == .invalidArtifact)
    }

    @Test func keepsMetricsLineageAndAVerifiableSignedManifest() throws {
        let registered = try store.register(candidate(2), actor: "hub train", now: 1_000, signer: keys)
        #expect(registered.metrics["accuracy"] == 0.97)
        #expect(registered.lineage.parentVersion == 1)
        #expect(registered.createdBy == "hub train")
        #expect(registered.signed)
        let (bytes, signedBytes) = try store.artifact("bearing", version: 2)
        #expect(registered.sha256 == ArtifactDigest.sha256(bytes))
        let signed = try SignedUpdateManifest.decode(try #require(signedBytes))
        try UpdateVerifier(trusting: [keys.publicKey]).verify(
            signed,
            artifact: bytes,
            expectedName: "bearing",
            trustedVersion: 1,
            now: 2_000
        )
    }

    @Test func aliasesMoveAndEveryChangeIsAudited() throws {
        for version in UInt32(1)...3 { try store.register(candidate(version), actor: "ci", now: 1, signer: nil) }
        try store.promote("bearing", version: 3, to: "production", actor: "alice", reason: "canary passed", now: 10)
        #expect(try store.resolve("bearing", "production") == 3)
        try store.promote("bearing", version: 2, to: "production", actor: "rollout", reason: "abort", now: 11)
        #expect(try store.resolve("bearing", "production") == 2)
        #expect(try store.model("bearing", version: 2).aliases == ["production"])
        #expect(try store.model("bearing", version: 3).aliases == [])
        try store.tag("bearing", version: 3, key: "reviewed", value: "no", actor: "alice", now: 12)
        #expect(try store.model("bearing", version: 3).tags == ["reviewed": "no"])

        let log = try store.auditLog(of: "bearing")
        #expect(log.map(\.action) == ["register", "register", "register", "promote", "rollback", "tag"])
        #expect(log[4].actor == "rollout")
        #expect(log[4].detail == "production -> 2 (was 3): abort")
    }

    @Test func unknownModelsVersionsAndAliasesAreNamed() throws {
        try store.register(candidate(1), actor: "ci", now: 1, signer: nil)
        #expect(code { _ = try store.model("nope", version: 1) } == .unknownModel)
        #expect(code { _ = try store.model("bearing", version: 9) } == .unknownVersion)
        #expect(code { _ = try store.resolve("bearing", "staging") } == .unknownVersion)
        #expect(
            code { try store.promote("bearing", version: 9, to: "x", actor: "a", reason: "", now: 1) }
                == .unknownVersion
        )
        #expect(
            code { try store.promote("bearing", version: 1, to: "a b", actor: "a", reason: "", now: 1) } == .invalidName
        )
    }

    @Test func theAuditLogIsAppendOnly() throws {
        try store.register(candidate(1), actor: "ci", now: 1, signer: nil)
        let raw = try SQLiteDatabase(path: directory.file("hub.sqlite"))
        #expect(throws: SQLiteError.self) { try raw.write { try $0.run("DELETE FROM registry_audit") } }
        #expect(throws: SQLiteError.self) { try raw.write { try $0.run("UPDATE registry_audit SET actor = 'x'") } }
        #expect(try store.auditLog().count == 1)
    }

    @Test func knowsWhichDevicesRunWhichVersion() throws {
        let statuses = try [("d1", "bearing", UInt32(2)), ("d2", "bearing", 3), ("d3", "pump", 1)].map {
            device,
            name,
            version in
            try DeviceStatus(
                device: DeviceID(device),
                seq: 1,
                ts: 1,
                state: .online,
                runtimeVersion: "0.1.0",
                activeModel: ModelReference(name: name, version: version)
            )
        }
        try store.record(statuses: statuses, events: [], receivedAt: 1)
        #expect(try store.devicesRunning("bearing") == ["d1": 2, "d2": 3])
    }
}
