import Crypto
import TestSupport
import Testing
import UpdateSigning

/// One test per attack class of the update path (TUF's list): each must be refused with its own code.
@Suite("Signed update verification")
struct UpdateVerifierTests {
    static let artifact = Array("an .edgemodel artifact's bytes".utf8)
    static let now: Int64 = 1_800_000_000_000
    let pair = SigningKeyPair(privateKey: Curve25519.Signing.PrivateKey())
    var verifier: UpdateVerifier { UpdateVerifier(trusting: [pair.publicKey]) }

    func manifest(
        name: String = "bearing",
        version: UInt32 = 5,
        artifact: [UInt8] = artifact,
        expires: Int64 = now + 60_000
    ) -> UpdateManifest {
        UpdateManifest(
            name: name,
            version: version,
            sha256: SHA256.hexDigest(of: artifact),
            length: UInt64(artifact.count),
            expires: expires
        )
    }

    func refusal(
        _ signed: SignedUpdateManifest,
        artifact: [UInt8] = artifact,
        trusted: UInt32? = 4
    ) -> UpdateVerificationError.Code? {
        do {
            try verifier.verify(
                signed,
                artifact: artifact,
                expectedName: "bearing",
                trustedVersion: trusted,
                now: Self.now
            )
            return nil
        } catch {
            return error.code
        }
    }

    @Test func acceptsAGoodUpdateAfterAJSONRoundTrip() throws {
        let signed = try SignedUpdateManifest.decode(pair.sign(manifest()).encode())
        #expect(refusal(signed) == nil)
        #expect(refusal(signed, trusted: nil) == nil)
    }

    @Test func refusesATamperedManifest() {
        var signed = pair.sign(manifest())
        signed.manifest.length += 1
        #expect(refusal(signed) == .badSignature)
    }

    @Test func refusesAFlippedSignatureBit() {
        var signed = pair.sign(manifest())
        signed.signature[10] ^= 0x01
        #expect(refusal(signed) == .badSignature)
    }

    @Test func refusesASignatureByAnUnknownKey() {
        let stranger = SigningKeyPair(privateKey: Curve25519.Signing.PrivateKey())
        #expect(refusal(stranger.sign(manifest())) == .unknownKey)
    }

    @Test func refusesAKnownKeyIDWithAnotherKeysSignature() {
        let stranger = SigningKeyPair(privateKey: Curve25519.Signing.PrivateKey())
        var signed = stranger.sign(manifest())
        signed.keyID = SigningKeyPair.keyID(of: pair.publicKey)
        #expect(refusal(signed) == .badSignature)
    }

    @Test func refusesAWrongHash() {
        var other = Self.artifact
        other[0] ^= 0xff
        #expect(refusal(pair.sign(manifest()), artifact: other) == .hashMismatch)
    }

    @Test(arguments: [-1, 1, 1_000_000])
    func refusesAWrongLength(extra: Int) {
        let artifact = extra < 0 ? Array(Self.artifact.dropLast()) : Self.artifact + [UInt8](repeating: 0, count: extra)
        #expect(refusal(pair.sign(manifest()), artifact: artifact) == .lengthMismatch)
    }

    @Test func refusesAnExpiredManifest() {
        #expect(refusal(pair.sign(manifest(expires: Self.now))) == .expired)
    }

    @Test(arguments: [UInt32(4), 3])
    func refusesAVersionNotAboveTheTrustedOne(version: UInt32) {
        #expect(refusal(pair.sign(manifest(version: version)), trusted: 4) == .rollback)
    }

    @Test func refusesAManifestForAnotherModel() {
        #expect(refusal(pair.sign(manifest(name: "pump"))) == .wrongName)
    }

    @Test(arguments: [
        ("not JSON", Array("{".utf8)),
        ("wrong schema", Array(#"{"v":2}"#.utf8)),
        ("oversized", [UInt8](repeating: 0x20, count: 5_000)),
        (
            "short signature",
            Array(
                #"{"expires":1,"key_id":"a","length":1,"name":"m","sha256":"00","signature":"AAAA","v":1,"version":1}"#
                    .utf8
            )
        ),
    ])
    func refusesMalformedSignedManifests(label: String, bytes: [UInt8]) {
        let error = #expect(throws: UpdateVerificationError.self, "\(label)") { try SignedUpdateManifest.decode(bytes) }
        #expect(error?.code == .malformed, "\(label)")
    }
}
