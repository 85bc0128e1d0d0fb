/// The ground truth of a machine from a moment on, published retained on `sensors/{device}/label` (by firmware-sim, or
/// by whoever labels a real machine) whenever it changes.
///
/// JSON: `{"v":1,"state":"bearing_outer","ts":1700000000000}`; `ts` is the unix millisecond of the first sample in
/// that state.
public struct SensorLabel: WireMessage, Codable {
    /// The true class, a label of the model: 1...64 of `[A-Za-z0-9._-]`.
    public let state: String
    /// Unix milliseconds of the first sample in this state.
    public let ts: Int64

    /// The last level of `sensors/{device}/label`: a sensor name no sensor may use.
    public static let topicLevel = "label"

    /// Largest JSON accepted.
    public static let maxEncodedBytes = 1024

    /// A label.
    /// - Throws: `.invalidField` for a state that is not an identifier or a negative timestamp.
    public init(state: String, ts: Int64) throws(WireError) {
        try FieldRules.identifier(state, "SensorLabel.state")
        try FieldRules.timestamp(ts, "SensorLabel.ts")
        self.state = state
        self.ts = ts
    }

    /// The JSON form, keys sorted.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form.
    /// - Throws: `.oversized`, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> SensorLabel {
        try JSONWire.decode(SensorLabel.self, from: bytes, maxBytes: maxEncodedBytes, message: "SensorLabel")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case state
        case ts
    }

    /// Decodes and validates; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "SensorLabel")
        try self.init(
            state: try container.decode(String.self, forKey: .state),
            ts: try container.decode(Int64.self, forKey: .ts)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(state, forKey: .state)
        try container.encode(ts, forKey: .ts)
    }
}
