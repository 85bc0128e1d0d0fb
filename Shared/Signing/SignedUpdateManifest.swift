import Crypto
import FoundationEssentials

/// An ``UpdateManifest`` with an Ed25519 signature over its ``UpdateManifest/signedBytes`` and the id of the key that
/// made it. Travels as JSON:
/// `{"v":1,"name":"…","version":3,"sha256":"…","length":1234,"expires":1700000000000,"key_id":"…","signature":"base64"}`.
public struct SignedUpdateManifest: Sendable, Hashable {
    /// Schema version written as `v`.
    public static let schemaVersion = 1
    /// Largest accepted JSON form, bytes.
    public static let maxBytes = 4_096

    /// What is promised.
    public var manifest: UpdateManifest
    /// ``SigningKeyPair/keyID(of:)`` of the signing key.
    public var keyID: String
    /// The 64-byte Ed25519 signature.
    public var signature: [UInt8]

    /// A signed manifest as given.
    public init(manifest: UpdateManifest, keyID: String, signature: [UInt8]) {
        self.manifest = manifest
        self.keyID = keyID
        self.signature = signature
    }

    /// A signed manifest whose signature arrives as base64 text (as in a desired state).
    /// - Throws: `.malformed` unless the text is 64 bytes of base64.
    public init(manifest: UpdateManifest, keyID: String, base64Signature: String) throws(UpdateVerificationError) {
        guard let signature = Data(base64Encoded: base64Signature), signature.count == 64 else {
            throw UpdateVerificationError(.malformed, "signature is not 64 bytes of base64")
        }
        self.init(manifest: manifest, keyID: keyID, signature: Array(signature))
    }

    /// The signature as base64 text, the form a desired state carries.
    public var base64Signature: String { Data(signature).base64EncodedString() }

    private struct Form: Codable {
        var v: Int
        var name: String
        var version: UInt32
        var sha256: String
        var length: UInt64
        var expires: Int64
        var keyID: String
        var signature: String

        enum CodingKeys: String, CodingKey {
            case v, name, version, sha256, length, expires, signature
            case keyID = "key_id"
        }
    }

    /// The JSON form, keys sorted.
    public func encode() -> [UInt8] {
        let form = Form(
            v: Self.schemaVersion,
            name: manifest.name,
            version: manifest.version,
            sha256: manifest.sha256,
            length: manifest.length,
            expires: manifest.expires,
            keyID: keyID,
            signature: Data(signature).base64EncodedString()
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and integers only: JSONEncoder cannot fail on them.
        return Array((try? encoder.encode(form)) ?? Data())
    }

    /// Parses the JSON form; the signature is checked by ``UpdateVerifier``, not here.
    /// - Throws: `.malformed` for oversized input, bad JSON, an unknown schema version or a signature that is not
    ///   64 bytes of base64.
    public static func decode(_ bytes: [UInt8]) throws(UpdateVerificationError) -> SignedUpdateManifest {
        guard bytes.count <= maxBytes else {
            throw UpdateVerificationError(.malformed, "signed manifest of \(bytes.count) bytes, more than \(maxBytes)")
        }
        let form: Form
        do {
            form = try JSONDecoder().decode(Form.self, from: Data(bytes))
        } catch {
            throw UpdateVerificationError(.malformed, "signed manifest is not valid JSON of the expected shape")
        }
        guard form.v == schemaVersion else {
            throw UpdateVerificationError(.malformed, "signed manifest version \(form.v), this build reads 1")
        }
        return try SignedUpdateManifest(
            manifest: UpdateManifest(
                name: form.name,
                version: form.version,
                sha256: form.sha256,
                length: form.length,
                expires: form.expires
            ),
            keyID: form.keyID,
            base64Signature: form.signature
        )
    }
}
