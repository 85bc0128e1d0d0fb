/// Something that happened on a device, on `{prefix}/{device}/events`: rollout progress, errors, drift flags, and
/// the answers to commands.
///
/// JSON: `{"v":1,"device":"d1","seq":8,"ts":1700000000000,"kind":"rollout.step","severity":"info",
/// "message":"slot B verified","fields":{"step":"2"},"commandID":"c-17"}`; `commandID` is optional.
public struct DeviceEvent: WireMessage, Codable {
    /// How much the event matters.
    public enum Severity: String, Sendable, Hashable, Codable {
        case info
        case warning
        case error
    }

    /// The device that reports.
    public let device: DeviceID
    /// Per-device sequence number, strictly increasing across restarts; the hub deduplicates on it.
    public let seq: UInt64
    /// When it happened, unix milliseconds.
    public let ts: Int64
    /// What happened, dotted, 1...64 bytes of `[A-Za-z0-9._-]` (e.g. `rollout.step`, `command.result`).
    public let kind: String
    /// How much it matters.
    public let severity: Severity
    /// Text for people, at most 4096 bytes, may be empty.
    public let message: String
    /// Structured details: at most 64 entries, keys 1...128 bytes, values at most 1024 bytes.
    public let fields: [String: String]
    /// The ``Command/id`` this event answers, if it is an answer.
    public let commandID: String?

    /// Largest JSON accepted; the field limits keep a valid event far below it even when every byte is escaped.
    public static let maxEncodedBytes = 1024 * 1024

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a negative timestamp, a bad kind, text or map over its limits, or a command id
    ///   that is empty, longer than 64 bytes or has control characters.
    public init(
        device: DeviceID,
        seq: UInt64,
        ts: Int64,
        kind: String,
        severity: Severity,
        message: String,
        fields: [String: String] = [:],
        commandID: String? = nil
    ) throws(WireError) {
        try FieldRules.timestamp(ts, "DeviceEvent.ts")
        try FieldRules.identifier(kind, "DeviceEvent.kind")
        try FieldRules.text(message, "DeviceEvent.message", maxBytes: FieldRules.maxMessageBytes, allowEmpty: true)
        try FieldRules.map(fields, "DeviceEvent.fields")
        if let commandID { try FieldRules.printable(commandID, "DeviceEvent.commandID") }
        self.device = device
        self.seq = seq
        self.ts = ts
        self.kind = kind
        self.severity = severity
        self.message = message
        self.fields = fields
        self.commandID = commandID
    }

    /// The JSON form, keys sorted, so equal values give equal bytes.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form, as typed by hand too (any key order, whitespace, unknown keys ignored).
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> DeviceEvent {
        try JSONWire.decode(DeviceEvent.self, from: bytes, maxBytes: maxEncodedBytes, message: "DeviceEvent")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case device
        case seq
        case ts
        case kind
        case severity
        case message
        case fields
        case commandID
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "DeviceEvent")
        try self.init(
            device: DeviceID(try container.decode(String.self, forKey: .device), field: "DeviceEvent.device"),
            seq: try container.decode(UInt64.self, forKey: .seq),
            ts: try container.decode(Int64.self, forKey: .ts),
            kind: try container.decode(String.self, forKey: .kind),
            severity: try container.decode(Severity.self, forKey: .severity),
            message: try container.decode(String.self, forKey: .message),
            fields: try container.decodeIfPresent([String: String].self, forKey: .fields) ?? [:],
            commandID: try container.decodeIfPresent(String.self, forKey: .commandID)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(device, forKey: .device)
        try container.encode(seq, forKey: .seq)
        try container.encode(ts, forKey: .ts)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(commandID, forKey: .commandID)
    }
}
