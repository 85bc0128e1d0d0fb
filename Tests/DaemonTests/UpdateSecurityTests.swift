import EdgeCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// One test per attack class of the issue (TUF's list), through the edge's real update path: each attack is
/// refused with its own code, and the trusted version and the active model stay as they were.
@Suite("Update attacks")
struct UpdateSecurityTests {
    let directory: TemporaryDirectory
    let key: SigningKeyPair
    let rogue: SigningKeyPair
    let v1 = artifactBytes(5_000, seed: 1)
    let v2 = artifactBytes(5_000, seed: 2)

    init() throws {
        directory = try TemporaryDirectory(prefix: "ota-attacks")
        key = try SigningKeyPair.create(in: directory.file("keys"))
        rogue = try SigningKeyPair.create(in: directory.file("rogue"))
    }

    /// A device that installed and committed `bearing@1`.
    func deviceRunningV1() async throws -> UpdateHarness {
        let edge = try UpdateHarness(stateDirectory: directory.file("state"), trusting: [key])
        edge.served = v1
        try await edge.apply(desiredModel("bearing", 1, v1, signedBy: key))
        #expect(edge.steps == ["verifying", "downloading", "staged", "switched", "committed"])
        return edge
    }

    /// Applies `model` with the hub serving `served`, then checks the refusal and that nothing changed.
    func expectRefused(
        _ model: DesiredModel,
        serving served: [UInt8]? = nil,
        reportedTotal: UInt64? = nil,
        code: String,
        on edge: UpdateHarness? = nil
    ) async throws {
        let edge = if let edge { edge } else { try await deviceRunningV1() }
        let before = try edge.store.modelSlots()
        edge.served = served ?? v2
        edge.reportedTotal = reportedTotal
        try await edge.apply(model)
        #expect(edge.rejection == code, "\(edge.steps)")
        #expect(edge.steps.last == "rejected")
        #expect(try edge.store.trustedVersion(of: "bearing") == 1)
        let slots = try edge.store.modelSlots()
        #expect(slots.active == before.active)
        #expect(try edge.store.loadArtifact(try #require(slots.active)) == v1)
        #expect(edge.store.partialSize(name: model.name, version: model.version) == 0)
    }

    @Test func rejectsABadSignature() async throws {
        let genuine = desiredModel("bearing", 2, v2, signedBy: key)
        var signature = Array(genuine.signature!.utf8)
        signature[10] = signature[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forged = try DesiredModel(
            name: "bearing",
            version: 2,
            sha256: genuine.sha256,
            size: genuine.size,
            expires: genuine.expires,
            keyID: genuine.keyID,
            signature: String(decoding: signature, as: UTF8.self)
        )
        try await expectRefused(forged, code: "badSignature")
    }

    @Test func rejectsAManifestWhoseFieldsWereChangedAfterSigning() async throws {
        let genuine = desiredModel("bearing", 2, v2, signedBy: key)
        let stretched = try DesiredModel(
            name: "bearing",
            version: 2,
            sha256: genuine.sha256,
            size: genuine.size,
            expires: genuine.expires! + 86_400_000,
            keyID: genuine.keyID,
            signature: genuine.signature
        )
        try await expectRefused(stretched, code: "badSignature")
    }

    @Test func rejectsASignatureByAnUnknownKey() async throws {
        try await expectRefused(desiredModel("bearing", 2, v2, signedBy: rogue), code: "unknownKey")
    }

    @Test func rejectsAnArtifactWithTheWrongHash() async throws {
        var tampered = v2
        tampered[4_000] ^= 0xFF
        try await expectRefused(desiredModel("bearing", 2, v2, signedBy: key), serving: tampered, code: "hashMismatch")
    }

    @Test func rejectsEndlessDataWithoutReadingPastTheSignedLength() async throws {
        // The hub claims and sends far more than the manifest promises.
        let endless = v2 + [UInt8](repeating: 7, count: 1 << 20)
        try await expectRefused(
            desiredModel("bearing", 2, v2, signedBy: key),
            serving: endless,
            code: "lengthMismatch"
        )
    }

    @Test func rejectsATruncatedArtifact() async throws {
        try await expectRefused(
            desiredModel("bearing", 2, v2, signedBy: key),
            serving: Array(v2.prefix(3_000)),
            code: "lengthMismatch"
        )
    }

    @Test func rejectsAnExpiredManifest() async throws {
        let frozen = desiredModel("bearing", 2, v2, signedBy: key, expires: UpdateHarness.now - 1)
        try await expectRefused(frozen, code: "expired")
    }

    @Test func rejectsALowerOrEqualVersionAlsoAfterARestart() async throws {
        let edge = try await deviceRunningV1()
        let v3 = artifactBytes(4_000, seed: 3)
        edge.served = v3
        try await edge.apply(desiredModel("bearing", 3, v3, signedBy: key))
        #expect(try edge.store.trustedVersion(of: "bearing") == 3)
        // A genuine, unexpired manifest of an older version: replayed to roll the device back.
        edge.served = v1
        try await edge.apply(desiredModel("bearing", 1, v1, signedBy: key))
        #expect(edge.rejection == "rollback")
        // Equal version, other bytes.
        edge.served = v2
        try await edge.apply(desiredModel("bearing", 3, v2, signedBy: key))
        #expect(edge.rejection == "rollback")
        // The floor is in the database, not in memory.
        let restarted = try UpdateHarness(stateDirectory: directory.file("state"), trusting: [key])
        try await restarted.start()
        restarted.served = v2
        try await restarted.apply(desiredModel("bearing", 2, v2, signedBy: key))
        #expect(restarted.rejection == "rollback")
        #expect(try restarted.store.modelSlots().active?.version == 3)
        #expect(try restarted.store.trustedVersion(of: "bearing") == 3)
    }

    @Test func rejectsAManifestForAnotherModel() async throws {
        // Validly signed, for another model: mix-and-match.
        let pump = artifactBytes(3_000, seed: 9)
        let edge = try await deviceRunningV1()
        try await expectRefused(
            desiredModel("pump", 9, pump, signedBy: key),
            serving: pump,
            code: "wrongName",
            on: edge
        )
        // Another model's signed manifest relabelled as this model's: the name is under the signature.
        let signed = desiredModel("pump", 9, pump, signedBy: key)
        let relabelled = try DesiredModel(
            name: "bearing",
            version: 9,
            sha256: signed.sha256,
            size: signed.size,
            expires: signed.expires,
            keyID: signed.keyID,
            signature: signed.signature
        )
        try await expectRefused(relabelled, serving: pump, code: "badSignature", on: edge)
    }

    @Test func refusesEveryUpdateWithoutATrustedKey() async throws {
        let edge = try UpdateHarness(stateDirectory: directory.file("state"), trusting: [])
        edge.served = v1
        try await edge.apply(desiredModel("bearing", 1, v1, signedBy: key))
        #expect(edge.rejection == "noTrustedKey")
        #expect(try edge.store.modelSlots().active == nil)
    }

    @Test func refusesAnUnsignedModel() async throws {
        let unsigned = try DesiredModel(name: "bearing", version: 2, sha256: ArtifactDigest.sha256(v2), size: 5_000)
        try await expectRefused(unsigned, code: "unsigned")
    }
}
