extension SensorFrame {
    /// The first bytes of the binary form, ASCII `SF1`.
    static let binaryMagic: [UInt8] = Array("SF1".utf8)
    /// Fixed header: magic, version, ts, hz, axis count, samples per axis.
    private static let binaryHeaderBytes = 3 + 1 + 8 + 8 + 1 + 4

    /// Largest binary frame: 16 axes with 64-byte names and 65_536 samples each.
    public static let maxBinaryBytes = binaryHeaderBytes + maxAxes * (1 + 64) + maxAxes * maxSamplesPerAxis * 4

    /// The binary form, little endian, with an exact length:
    ///
    ///     "SF1" | u8 version (1) | i64 ts | f64 hz | u8 axis count A | u32 samples per axis N
    ///     | A × (u8 name length, ASCII name) | A × N float32 samples, axis after axis
    ///
    /// The samples are copied in bulk, one copy per axis.
    public func encode() -> [UInt8] {
        let nameBytes = axes.reduce(0) { $0 + 1 + $1.name.utf8.count }
        var writer = WireWriter(capacity: Self.binaryHeaderBytes + nameBytes + axes.count * sampleCount * 4)
        writer.write(bytes: Self.binaryMagic)
        writer.write(UInt8(wireSchemaVersion))
        writer.write(ts)
        writer.write(hz)
        writer.write(UInt8(axes.count))
        writer.write(UInt32(sampleCount))
        for axis in axes { writer.writeString(axis.name, lengthAs: UInt8.self) }
        for axis in axes { writer.write(floats: axis.samples) }
        return writer.bytes
    }

    /// Decodes the binary form (see ``encode()``), checking every length against the bytes present.
    ///
    /// - Throws: `.oversized` beyond ``maxBinaryBytes``, `.badMagic`, `.unsupportedVersion`, `.truncated` when
    ///   bytes are missing, `.malformed` when bytes are left over, `.invalidField` as ``init(ts:hz:axes:)`` does.
    public static func decodeBinary(_ bytes: [UInt8]) throws(WireError) -> SensorFrame {
        guard bytes.count <= maxBinaryBytes else {
            throw WireError(.oversized, "SensorFrame: \(bytes.count) bytes, more than \(maxBinaryBytes)")
        }
        guard binaryMagic.starts(with: bytes.prefix(binaryMagic.count)) else {
            throw WireError(.badMagic, "SensorFrame: does not start with SF1")
        }
        var reader = WireReader(bytes, message: "SensorFrame")
        try reader.require(binaryHeaderBytes, "header")
        _ = try reader.readBytes(binaryMagic.count, "magic")
        let version = try reader.read(UInt8.self, "v")
        guard version == wireSchemaVersion else {
            throw WireError(.unsupportedVersion, "SensorFrame.v: version \(version), this build reads 1")
        }
        let ts = try reader.read(Int64.self, "ts")
        let hz = try reader.read(Double.self, "hz")
        let axisCount = Int(try reader.read(UInt8.self, "axis count"))
        let sampleCount = Int(try reader.read(UInt32.self, "samples per axis"))
        guard (1...maxAxes).contains(axisCount) else {
            throw WireError(.invalidField, "SensorFrame.axes: \(axisCount) axes, not 1...\(maxAxes)")
        }
        guard (1...maxSamplesPerAxis).contains(sampleCount) else {
            throw WireError(
                .invalidField,
                "SensorFrame.axes: \(sampleCount) samples per axis, not 1...\(maxSamplesPerAxis)"
            )
        }
        var names: [String] = []
        names.reserveCapacity(axisCount)
        for _ in 0..<axisCount {
            names.append(try reader.readString(lengthAs: UInt8.self, maxBytes: 64, "axis name"))
        }
        let sampleBytes = axisCount * sampleCount * 4
        guard reader.remaining >= sampleBytes else {
            throw WireError(.truncated, "SensorFrame.samples: needs \(sampleBytes) bytes, \(reader.remaining) left")
        }
        var axes: [Axis] = []
        axes.reserveCapacity(axisCount)
        for name in names {
            axes.append(Axis(name: name, samples: try reader.readFloats(sampleCount, "samples")))
        }
        try reader.requireEnd()
        return try SensorFrame(ts: ts, hz: hz, axes: axes)
    }
}
