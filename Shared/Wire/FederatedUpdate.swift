/// A device's result for a federated round, on `{prefix}/{device}/fl/update`: its compressed model delta and the
/// number of local examples behind it.
///
/// Binary, little-endian: magic `FU1`, version `u8`, device (`u8` length + UTF-8), seq `u64`, round `u64`, base
/// version `u32`, examples `u32`, update length `u32`, update. The update is the zlib-compressed `UpdateCodec` form
/// of the delta (FederatedAggregation), opaque here: the hub inflates and decodes it with its own bounds.
public struct FederatedUpdate: WireMessage {
    /// The device that trained.
    public let device: DeviceID
    /// Per-device sequence number, strictly increasing across restarts; the hub deduplicates on it.
    public let seq: UInt64
    /// The round this answers (``FederatedRound/round``).
    public let round: UInt64
    /// The version the delta is against (``FederatedRound/baseVersion``).
    public let baseVersion: UInt32
    /// Local training examples behind the update, ≥ 1.
    public let examples: UInt32
    /// The compressed delta, 1...``maxUpdateBytes`` bytes.
    public let update: [UInt8]

    /// Largest compressed update: 64 MiB, a 16 Mi-parameter float32 delta that did not compress.
    public static let maxUpdateBytes = 64 << 20
    static let magic: [UInt8] = Array("FU1".utf8)
    /// The header around a longest device id, plus the largest update.
    public static let maxEncodedBytes = 3 + 1 + 1 + 64 + 8 + 8 + 4 + 4 + 4 + maxUpdateBytes

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for round 0, zero examples, or an update that is empty or over 64 MiB.
    public init(
        device: DeviceID,
        seq: UInt64,
        round: UInt64,
        baseVersion: UInt32,
        examples: UInt32,
        update: [UInt8]
    ) throws(WireError) {
        guard round >= 1 else { throw WireError(.invalidField, "FederatedUpdate.round: 0") }
        guard examples >= 1 else { throw WireError(.invalidField, "FederatedUpdate.examples: 0") }
        guard (1...Self.maxUpdateBytes).contains(update.count) else {
            throw WireError(
                .invalidField,
                "FederatedUpdate.update: \(update.count) bytes, not 1...\(Self.maxUpdateBytes)"
            )
        }
        self.device = device
        self.seq = seq
        self.round = round
        self.baseVersion = baseVersion
        self.examples = examples
        self.update = update
    }

    /// The binary form.
    public func encode() -> [UInt8] {
        var writer = WireWriter(magic: Self.magic, capacity: 40 + device.rawValue.utf8.count + update.count)
        writer.writeString(device.rawValue, lengthAs: UInt8.self)
        writer.write(seq)
        writer.write(round)
        writer.write(baseVersion)
        writer.write(examples)
        writer.write(UInt32(update.count))
        writer.write(bytes: update)
        return writer.bytes
    }

    /// Decodes and validates an update message.
    ///
    /// - Throws: `.oversized`, `.badMagic`, `.unsupportedVersion`, `.truncated`, `.malformed` for bytes left over,
    ///   `.invalidField` for a bad device id or a field against the initialiser's rules.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> FederatedUpdate {
        var reader = try WireReader(bytes, magic: magic, maxBytes: maxEncodedBytes, message: "FederatedUpdate")
        let device = try DeviceID(
            try reader.readString(lengthAs: UInt8.self, maxBytes: FieldRules.maxIdentifierBytes, "device"),
            field: "FederatedUpdate.device"
        )
        let seq = try reader.read(UInt64.self, "seq")
        let round = try reader.read(UInt64.self, "round")
        let baseVersion = try reader.read(UInt32.self, "baseVersion")
        let examples = try reader.read(UInt32.self, "examples")
        let count = Int(try reader.read(UInt32.self, "update length"))
        guard count <= maxUpdateBytes else {
            throw WireError(.invalidField, "FederatedUpdate.update: \(count) bytes, more than \(maxUpdateBytes)")
        }
        let update = Array(try reader.readBytes(count, "update"))
        try reader.requireEnd()
        return try FederatedUpdate(
            device: device,
            seq: seq,
            round: round,
            baseVersion: baseVersion,
            examples: examples,
            update: update
        )
    }
}
