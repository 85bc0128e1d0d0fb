/// What the hub wants a device to run, on `{prefix}/{device}/desired` (retained).
///
/// JSON: `{"v":1,"device":"d1","revision":4,"ts":1700000000000,"model":{"name":"m","version":3,
/// "sha256":"<64 hex>","size":12345},"config":{"window":"256"}}`; `model` is optional.
public struct DesiredState: WireMessage, Codable {
    /// The device this is meant for.
    public let device: DeviceID
    /// Increases with every change the hub makes for this device; a device ignores revisions it has seen.
    public let revision: UInt64
    /// When the hub made it, unix milliseconds.
    public let ts: Int64
    /// The model to run, or nil to keep the current one.
    public let model: DesiredModel?
    /// Runtime configuration: at most 64 entries, keys 1...128 bytes, values at most 1024 bytes.
    public let config: [String: String]

    /// Largest JSON accepted; the field limits keep a valid message far below it even when every byte is escaped.
    public static let maxEncodedBytes = 1024 * 1024

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a negative timestamp or a config map over its limits.
    public init(
        device: DeviceID,
        revision: UInt64,
        ts: Int64,
        model: DesiredModel?,
        config: [String: String] = [:]
    ) throws(WireError) {
        try FieldRules.timestamp(ts, "DesiredState.ts")
        try FieldRules.map(config, "DesiredState.config")
        self.device = device
        self.revision = revision
        self.ts = ts
        self.model = model
        self.config = config
    }

    /// The JSON form, keys sorted, so equal values give equal bytes.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form, as typed by hand too (any key order, whitespace, unknown keys ignored).
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> DesiredState {
        try JSONWire.decode(DesiredState.self, from: bytes, maxBytes: maxEncodedBytes, message: "DesiredState")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case device
        case revision
        case ts
        case model
        case config
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "DesiredState")
        try self.init(
            device: DeviceID(try container.decode(String.self, forKey: .device), field: "DesiredState.device"),
            revision: try container.decode(UInt64.self, forKey: .revision),
            ts: try container.decode(Int64.self, forKey: .ts),
            model: try container.decodeIfPresent(DesiredModel.self, forKey: .model),
            config: try container.decodeIfPresent([String: String].self, forKey: .config) ?? [:]
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(device, forKey: .device)
        try container.encode(revision, forKey: .revision)
        try container.encode(ts, forKey: .ts)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encode(config, forKey: .config)
    }
}
