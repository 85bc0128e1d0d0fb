/// A device asking the hub for one byte range of a model artifact, on `{prefix}/{device}/artifact/get`. The hub
/// answers with an ``ArtifactChunk`` on `{prefix}/{device}/artifact/chunk` echoing ``seq``.
///
/// JSON: `{"v":1,"device":"d1","seq":12,"name":"m","version":3,"offset":262144,"length":262144}`.
public struct ArtifactRequest: WireMessage, Codable {
    /// Largest byte range one request may ask for: 256 KiB.
    public static let maxLength: UInt32 = 256 * 1024

    /// The device that asks.
    public let device: DeviceID
    /// Per-device sequence number, strictly increasing across restarts; the answer echoes it.
    public let seq: UInt64
    /// Registry name of the model.
    public let name: String
    /// Version of the model.
    public let version: UInt32
    /// First byte wanted.
    public let offset: UInt64
    /// Bytes wanted, 1...``maxLength``.
    public let length: UInt32

    /// Largest JSON accepted; a request is about 150 bytes.
    public static let maxEncodedBytes = 4 * 1024

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a bad name or a length of 0 or over 256 KiB.
    public init(
        device: DeviceID,
        seq: UInt64,
        name: String,
        version: UInt32,
        offset: UInt64,
        length: UInt32
    ) throws(WireError) {
        try FieldRules.identifier(name, "ArtifactRequest.name")
        guard (1...Self.maxLength).contains(length) else {
            throw WireError(.invalidField, "ArtifactRequest.length: \(length) is not 1...\(Self.maxLength)")
        }
        self.device = device
        self.seq = seq
        self.name = name
        self.version = version
        self.offset = offset
        self.length = length
    }

    /// The JSON form, keys sorted, so equal values give equal bytes.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form.
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> ArtifactRequest {
        try JSONWire.decode(ArtifactRequest.self, from: bytes, maxBytes: maxEncodedBytes, message: "ArtifactRequest")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case device
        case seq
        case name
        case version
        case offset
        case length
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "ArtifactRequest")
        try self.init(
            device: DeviceID(try container.decode(String.self, forKey: .device), field: "ArtifactRequest.device"),
            seq: try container.decode(UInt64.self, forKey: .seq),
            name: try container.decode(String.self, forKey: .name),
            version: try container.decode(UInt32.self, forKey: .version),
            offset: try container.decode(UInt64.self, forKey: .offset),
            length: try container.decode(UInt32.self, forKey: .length)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(device, forKey: .device)
        try container.encode(seq, forKey: .seq)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(offset, forKey: .offset)
        try container.encode(length, forKey: .length)
    }
}
