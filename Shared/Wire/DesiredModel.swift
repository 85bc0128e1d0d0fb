/// The model a device should run, with what it needs to fetch and check the artifact.
///
/// JSON: `{"name":"m","version":3,"sha256":"<64 hex>","size":12345,"expires":1700000000000,"keyID":"<16 hex>",
/// "signature":"<base64 of 64 bytes>"}`. The last three are the signed update manifest's own fields (see
/// `SignedUpdateManifest` in UpdateSigning) and travel together or not at all; older hubs leave them out, and a
/// device that requires signed updates then refuses the model.
public struct DesiredModel: Sendable, Hashable, Codable {
    /// Registry name, 1...64 bytes of `[A-Za-z0-9._-]`.
    public let name: String
    /// Version number, strictly increasing per name.
    public let version: UInt32
    /// SHA-256 of the artifact bytes: 64 lowercase hex characters.
    public let sha256: String
    /// Artifact length in bytes, at least 1.
    public let size: UInt64
    /// The signed manifest's expiry, unix milliseconds; nil for an unsigned model.
    public let expires: Int64?
    /// Id of the key that signed the manifest, 1...64 of `[A-Za-z0-9._-]`; nil for an unsigned model.
    public let keyID: String?
    /// The Ed25519 signature in base64, at most 128 bytes; nil for an unsigned model. Checked by the device, not here.
    public let signature: String?

    /// Longest accepted signature text: 64 bytes take 88 characters of base64.
    static let maxSignatureBytes = 128

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a bad name, a digest that is not 64 lowercase hex characters, size 0, only some
    ///   of the signature fields, a bad key id, a negative expiry or a signature that is empty or over 128 bytes.
    public init(
        name: String,
        version: UInt32,
        sha256: String,
        size: UInt64,
        expires: Int64? = nil,
        keyID: String? = nil,
        signature: String? = nil
    ) throws(WireError) {
        try FieldRules.identifier(name, "DesiredModel.name")
        let isHexDigit = { (byte: UInt8) in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(isHexDigit) else {
            throw WireError(.invalidField, "DesiredModel.sha256: not 64 lowercase hex characters")
        }
        guard size > 0 else { throw WireError(.invalidField, "DesiredModel.size: 0") }
        let present = [expires != nil, keyID != nil, signature != nil]
        guard present.allSatisfy({ $0 }) || present.allSatisfy({ !$0 }) else {
            throw WireError(.invalidField, "DesiredModel: expires, keyID and signature go together or not at all")
        }
        if let expires { try FieldRules.timestamp(expires, "DesiredModel.expires") }
        if let keyID { try FieldRules.identifier(keyID, "DesiredModel.keyID") }
        if let signature {
            try FieldRules.text(signature, "DesiredModel.signature", maxBytes: Self.maxSignatureBytes)
        }
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.expires = expires
        self.keyID = keyID
        self.signature = signature
    }

    /// True when the signed manifest's fields are present.
    public var isSigned: Bool { signature != nil }

    private enum CodingKeys: String, CodingKey {
        case name
        case version
        case sha256
        case size
        case expires
        case keyID
        case signature
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try container.decode(String.self, forKey: .name),
            version: try container.decode(UInt32.self, forKey: .version),
            sha256: try container.decode(String.self, forKey: .sha256),
            size: try container.decode(UInt64.self, forKey: .size),
            expires: try container.decodeIfPresent(Int64.self, forKey: .expires),
            keyID: try container.decodeIfPresent(String.self, forKey: .keyID),
            signature: try container.decodeIfPresent(String.self, forKey: .signature)
        )
    }

    /// Encodes every field present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(size, forKey: .size)
        try container.encodeIfPresent(expires, forKey: .expires)
        try container.encodeIfPresent(keyID, forKey: .keyID)
        try container.encodeIfPresent(signature, forKey: .signature)
    }
}
