/// A model by name and version, as a device reports the one it runs.
public struct ModelReference: Sendable, Hashable, Codable {
    /// Registry name, 1...64 bytes of `[A-Za-z0-9._-]`.
    public let name: String
    /// Version number, strictly increasing per name.
    public let version: UInt32

    /// Validates the name.
    ///
    /// - Throws: `.invalidField` for a name that is not 1...64 of `[A-Za-z0-9._-]`.
    public init(name: String, version: UInt32) throws(WireError) {
        try FieldRules.identifier(name, "ModelReference.name")
        self.name = name
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case version
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try container.decode(String.self, forKey: .name),
            version: try container.decode(UInt32.self, forKey: .version)
        )
    }
}
