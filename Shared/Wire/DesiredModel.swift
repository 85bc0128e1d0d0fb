/// The model a device should run, with what it needs to fetch and check the artifact.
public struct DesiredModel: Sendable, Hashable, Codable {
    /// Registry name, 1...64 bytes of `[A-Za-z0-9._-]`.
    public let name: String
    /// Version number, strictly increasing per name.
    public let version: UInt32
    /// SHA-256 of the artifact bytes: 64 lowercase hex characters.
    public let sha256: String
    /// Artifact length in bytes, at least 1.
    public let size: UInt64

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a bad name, a digest that is not 64 lowercase hex characters, or size 0.
    public init(name: String, version: UInt32, sha256: String, size: UInt64) throws(WireError) {
        try FieldRules.identifier(name, "DesiredModel.name")
        let isHexDigit = { (byte: UInt8) in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(isHexDigit) else {
            throw WireError(.invalidField, "DesiredModel.sha256: not 64 lowercase hex characters")
        }
        guard size > 0 else { throw WireError(.invalidField, "DesiredModel.size: 0") }
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.size = size
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case version
        case sha256
        case size
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try container.decode(String.self, forKey: .name),
            version: try container.decode(UInt32.self, forKey: .version),
            sha256: try container.decode(String.self, forKey: .sha256),
            size: try container.decode(UInt64.self, forKey: .size)
        )
    }
}
