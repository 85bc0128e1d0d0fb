/// What a device says about itself on `{prefix}/{device}/status` (retained; the offline form is also its will).
///
/// JSON: `{"v":1,"device":"d1","seq":7,"ts":1700000000000,"state":"online","runtimeVersion":"1.0.0",
/// "activeModel":{"name":"m","version":3},"activeSlot":"A","uptimeSeconds":42,"session":5}`; the last four are
/// optional.
public struct DeviceStatus: WireMessage, Codable {
    /// Whether the device is connected.
    public enum State: String, Sendable, Hashable, Codable {
        case online
        case offline
    }

    /// The model slot a device runs from.
    public enum Slot: String, Sendable, Hashable, Codable {
        case a = "A"
        case b = "B"
    }

    /// The device that reports.
    public let device: DeviceID
    /// Per-device sequence number, strictly increasing across restarts; the hub deduplicates on it.
    public let seq: UInt64
    /// When the status was made, unix milliseconds.
    public let ts: Int64
    /// Connected or not.
    public let state: State
    /// Version of the edge runtime, 1...64 bytes.
    public let runtimeVersion: String
    /// The model running now, if any.
    public let activeModel: ModelReference?
    /// The slot the active model was loaded from, if any.
    public let activeSlot: Slot?
    /// Seconds since the runtime started, if known.
    public let uptimeSeconds: UInt64?
    /// Pairs births with deaths, as Sparkplug's bdSeq: the `seq` of the will registered for the connection that sent
    /// this status. The will (sent by the broker when the device vanishes) carries an older `seq` than the online
    /// statuses after it, so a hub accepts an offline status with an old `seq` when its `session` is the current one.
    public let session: UInt64?

    /// Largest JSON accepted; a status is a few hundred bytes.
    public static let maxEncodedBytes = 16 * 1024

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a negative timestamp or an empty or over-long runtime version.
    public init(
        device: DeviceID,
        seq: UInt64,
        ts: Int64,
        state: State,
        runtimeVersion: String,
        activeModel: ModelReference? = nil,
        activeSlot: Slot? = nil,
        uptimeSeconds: UInt64? = nil,
        session: UInt64? = nil
    ) throws(WireError) {
        try FieldRules.timestamp(ts, "DeviceStatus.ts")
        try FieldRules.text(runtimeVersion, "DeviceStatus.runtimeVersion", maxBytes: FieldRules.maxIdentifierBytes)
        self.device = device
        self.seq = seq
        self.ts = ts
        self.state = state
        self.runtimeVersion = runtimeVersion
        self.activeModel = activeModel
        self.activeSlot = activeSlot
        self.uptimeSeconds = uptimeSeconds
        self.session = session
    }

    /// The JSON form, keys sorted, so equal values give equal bytes.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form, as typed by hand too (any key order, whitespace, unknown keys ignored).
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> DeviceStatus {
        try JSONWire.decode(DeviceStatus.self, from: bytes, maxBytes: maxEncodedBytes, message: "DeviceStatus")
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case device
        case seq
        case ts
        case state
        case runtimeVersion
        case activeModel
        case activeSlot
        case uptimeSeconds
        case session
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "DeviceStatus")
        try self.init(
            device: DeviceID(try container.decode(String.self, forKey: .device), field: "DeviceStatus.device"),
            seq: try container.decode(UInt64.self, forKey: .seq),
            ts: try container.decode(Int64.self, forKey: .ts),
            state: try container.decode(State.self, forKey: .state),
            runtimeVersion: try container.decode(String.self, forKey: .runtimeVersion),
            activeModel: try container.decodeIfPresent(ModelReference.self, forKey: .activeModel),
            activeSlot: try container.decodeIfPresent(Slot.self, forKey: .activeSlot),
            uptimeSeconds: try container.decodeIfPresent(UInt64.self, forKey: .uptimeSeconds),
            session: try container.decodeIfPresent(UInt64.self, forKey: .session)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(device, forKey: .device)
        try container.encode(seq, forKey: .seq)
        try container.encode(ts, forKey: .ts)
        try container.encode(state, forKey: .state)
        try container.encode(runtimeVersion, forKey: .runtimeVersion)
        try container.encodeIfPresent(activeModel, forKey: .activeModel)
        try container.encodeIfPresent(activeSlot, forKey: .activeSlot)
        try container.encodeIfPresent(uptimeSeconds, forKey: .uptimeSeconds)
        try container.encodeIfPresent(session, forKey: .session)
    }
}
