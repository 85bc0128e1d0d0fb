/// An instruction from the hub on `{prefix}/{device}/cmd`; the device answers with a ``DeviceEvent`` whose
/// `commandID` is this command's ``id``.
///
/// JSON: `{"v":1,"id":"c-17","ts":1700000000000,"name":"model.activate","args":{"slot":"B"}}`.
public struct Command: WireMessage, Codable {
    /// Unique per command, 1...64 bytes with no control characters; echoed in the answer.
    public let id: String
    /// When the hub issued it, unix milliseconds.
    public let ts: Int64
    /// What to do, 1...64 bytes of `[A-Za-z0-9._-]` (e.g. `reboot`, `model.activate`).
    public let name: String
    /// Arguments: at most 64 entries, keys 1...128 bytes, values at most 1024 bytes.
    public let args: [String: String]

    /// Largest JSON accepted; the field limits keep a valid command far below it even when every byte is escaped.
    public static let maxEncodedBytes = 1024 * 1024

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a bad id or name, a negative timestamp, or args over their limits.
    public init(id: String, ts: Int64, name: String, args: [String: String] = [:]) throws(WireError) {
        try FieldRules.printable(id, "Command.id")
        try FieldRules.timestamp(ts, "Command.ts")
        try FieldRules.identifier(name, "Command.name")
        try FieldRules.map(args, "Command.args")
        self.id = id
        self.ts = ts
        self.name = name
        self.args = args
    }

    /// The JSON form, keys sorted, so equal values give equal bytes.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form, as typed by hand too (any key order, whitespace, unknown keys ignored).
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> Command {
        try JSONWire.decode(Command.self, from: bytes, maxBytes: maxEncodedBytes, message: "Command")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case id
        case ts
        case name
        case args
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "Command")
        try self.init(
            id: try container.decode(String.self, forKey: .id),
            ts: try container.decode(Int64.self, forKey: .ts),
            name: try container.decode(String.self, forKey: .name),
            args: try container.decodeIfPresent([String: String].self, forKey: .args) ?? [:]
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(id, forKey: .id)
        try container.encode(ts, forKey: .ts)
        try container.encode(name, forKey: .name)
        try container.encode(args, forKey: .args)
    }
}
