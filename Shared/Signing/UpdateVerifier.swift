import Crypto

/// Checks a signed update before a device trusts it, in the order that makes each attack fail for its own reason:
/// signature (known key, valid signature), then the promise (name, version above the trusted one, not expired),
/// then the artifact against the promise (length, SHA-256).
public struct UpdateVerifier: Sendable {
    /// Trusted public keys by ``SigningKeyPair/keyID(of:)``.
    public let trustedKeys: [String: Curve25519.Signing.PublicKey]

    /// A verifier trusting `keys`.
    public init(trusting keys: [Curve25519.Signing.PublicKey]) {
        trustedKeys = Dictionary(keys.map { (SigningKeyPair.keyID(of: $0), $0) }) { first, _ in first }
    }

    /// Verifies the signature and the promise, without the artifact (before downloading it).
    /// - Parameters:
    ///   - expectedName: the model the device asked for.
    ///   - trustedVersion: the highest version the device has trusted for that name, nil for none.
    ///   - now: unix milliseconds.
    /// - Throws: `UpdateVerificationError` `.unknownKey`, `.badSignature`, `.wrongName`, `.rollback` or `.expired`.
    public func verify(
        _ signed: SignedUpdateManifest,
        expectedName: String,
        trustedVersion: UInt32?,
        now: Int64
    ) throws(UpdateVerificationError) {
        guard let key = trustedKeys[signed.keyID] else {
            throw UpdateVerificationError(
                .unknownKey,
                "signed by key \(signed.keyID), which this device does not trust"
            )
        }
        guard key.isValidSignature(signed.signature, for: signed.manifest.signedBytes) else {
            throw UpdateVerificationError(
                .badSignature,
                "signature of \(signed.manifest.name)@\(signed.manifest.version)"
            )
        }
        let manifest = signed.manifest
        guard manifest.name == expectedName else {
            throw UpdateVerificationError(.wrongName, "manifest for \(manifest.name), expected \(expectedName)")
        }
        if let trustedVersion, manifest.version <= trustedVersion {
            throw UpdateVerificationError(
                .rollback,
                "version \(manifest.version) of \(manifest.name) is not above trusted version \(trustedVersion)"
            )
        }
        guard now < manifest.expires else {
            throw UpdateVerificationError(.expired, "manifest expired at \(manifest.expires), now is \(now)")
        }
    }

    /// Verifies everything ``verify(_:expectedName:trustedVersion:now:)`` does, then the artifact bytes.
    /// - Throws: as above, then `.lengthMismatch` or `.hashMismatch`.
    public func verify(
        _ signed: SignedUpdateManifest,
        artifact: [UInt8],
        expectedName: String,
        trustedVersion: UInt32?,
        now: Int64
    ) throws(UpdateVerificationError) {
        try verify(signed, expectedName: expectedName, trustedVersion: trustedVersion, now: now)
        guard UInt64(artifact.count) == signed.manifest.length else {
            throw UpdateVerificationError(
                .lengthMismatch,
                "artifact of \(artifact.count) bytes, manifest promises \(signed.manifest.length)"
            )
        }
        let digest = SHA256.hexDigest(of: artifact)
        guard digest == signed.manifest.sha256 else {
            throw UpdateVerificationError(
                .hashMismatch,
                "artifact SHA-256 \(digest), manifest promises \(signed.manifest.sha256)"
            )
        }
    }
}
