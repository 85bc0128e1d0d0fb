/// The hub's confirmation, on `{prefix}/{device}/telemetry/ack`, that every telemetry record of `device` up to `seq` is
/// committed to its store. The broker's PUBACK only says the broker has a batch (libmosquitto acknowledges on
/// receipt, before the hub stores it), so the edge deletes outbox rows on this, not on the PUBACK.
///
/// JSON: `{"v":1,"device":"d1","seq":1234}`.
public struct TelemetryAck: WireMessage, Codable {
    /// The device whose records are confirmed.
    public let device: DeviceID
    /// The highest confirmed sequence number; the device sends in order, so every lower one is confirmed too.
    public let seq: UInt64

    /// Largest JSON accepted.
    public static let maxEncodedBytes = 1024

    /// An acknowledgement; every value of its fields is valid.
    public init(device: DeviceID, seq: UInt64) {
        self.device = device
        self.seq = seq
    }

    /// The JSON form, keys sorted.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form.
    /// - Throws: `.oversized`, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> TelemetryAck {
        try JSONWire.decode(TelemetryAck.self, from: bytes, maxBytes: maxEncodedBytes, message: "TelemetryAck")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case device
        case seq
    }

    /// Decodes and validates; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "TelemetryAck")
        self.init(
            device: try DeviceID(try container.decode(String.self, forKey: .device), field: "TelemetryAck.device"),
            seq: try container.decode(UInt64.self, forKey: .seq)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(device, forKey: .device)
        try container.encode(seq, forKey: .seq)
    }
}
