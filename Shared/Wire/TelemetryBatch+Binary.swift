import ZlibCompression

extension TelemetryBatch {
    static let magic: [UInt8] = Array("TB1".utf8)
    /// Magic, version, body length.
    static let headerBytes = 3 + 1 + 4
    /// Seq, ts and kind: no record is shorter, which bounds a declared count by the bytes present.
    private static let recordHeaderBytes = 8 + 8 + 1
    /// The compressed binary form described on ``TelemetryBatch``.
    public func encode() -> [UInt8] {
        let body = encodeBody()
        let compressed: [UInt8]
        do {
            compressed = try Zlib.compress(body)
        } catch {
            // Level 6 is valid, so only a failed allocation inside zlib can land here.
            preconditionFailure("zlib could not compress a telemetry batch: \(error)")
        }
        var writer = WireWriter(magic: Self.magic, capacity: Self.headerBytes + compressed.count)
        writer.write(UInt32(body.count))
        writer.write(bytes: compressed)
        return writer.bytes
    }

    /// Decodes and validates a batch.
    ///
    /// The declared body length is checked against the 16 MiB cap and then used as the decompression limit, so a
    /// zlib bomb fails without allocating past it.
    ///
    /// - Throws: `.oversized` for input or a declared body past the caps, `.badMagic`, `.unsupportedVersion`,
    ///   `.truncated` when bytes are missing, `.malformed` for bad zlib data or a body whose length differs from the
    ///   declared one or has bytes left over, `.invalidField` for record values, counts and sequence order.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> TelemetryBatch {
        guard bytes.count <= maxEncodedBytes else {
            throw WireError(.oversized, "TelemetryBatch: \(bytes.count) bytes, more than \(maxEncodedBytes)")
        }
        guard magic.starts(with: bytes.prefix(magic.count)) else {
            throw WireError(.badMagic, "TelemetryBatch: does not start with TB1")
        }
        var reader = WireReader(bytes, message: "TelemetryBatch")
        try reader.require(headerBytes, "header")
        _ = try reader.readBytes(magic.count, "magic")
        let version = try reader.read(UInt8.self, "v")
        guard version == wireSchemaVersion else {
            throw WireError(.unsupportedVersion, "TelemetryBatch.v: version \(version), this build reads 1")
        }
        let declared = Int(try reader.read(UInt32.self, "body length"))
        guard declared <= maxBodyBytes else {
            throw WireError(.oversized, "TelemetryBatch: declared body of \(declared) bytes, more than \(maxBodyBytes)")
        }
        let body: [UInt8]
        do {
            body = try Zlib.decompress(bytes[headerBytes...], maxOutputBytes: declared)
        } catch {
            switch error.code {
            case .truncated:
                throw WireError(.truncated, "TelemetryBatch.body: \(error.message)")
            case .outputTooLarge:
                throw WireError(.malformed, "TelemetryBatch.body: longer than the declared \(declared) bytes")
            default:
                throw WireError(.malformed, "TelemetryBatch.body: \(error)")
            }
        }
        guard body.count == declared else {
            throw WireError(.malformed, "TelemetryBatch.body: \(body.count) bytes, \(declared) declared")
        }
        return try decodeBody(body)
    }

    /// Uncompressed body length, computed without encoding.
    static func bodyBytes(device: DeviceID, records: [TelemetryRecord]) -> Int {
        records.reduce(1 + device.rawValue.utf8.count + 4) { total, record in
            total + recordHeaderBytes + record.payload.encodedBytes
        }
    }

    /// The uncompressed body.
    func encodeBody() -> [UInt8] {
        var writer = WireWriter(capacity: Self.bodyBytes(device: device, records: records))
        writer.writeString(device.rawValue, lengthAs: UInt8.self)
        writer.write(UInt32(records.count))
        for record in records {
            writer.write(record.seq)
            writer.write(record.ts)
            record.payload.write(to: &writer)
        }
        return writer.bytes
    }

    /// Parses and validates an uncompressed body.
    static func decodeBody(_ body: [UInt8]) throws(WireError) -> TelemetryBatch {
        var reader = WireReader(body, message: "TelemetryBatch")
        let deviceName = try reader.readString(lengthAs: UInt8.self, maxBytes: 64, "device")
        let device = try DeviceID(deviceName, field: "TelemetryBatch.device")
        let count = Int(try reader.read(UInt32.self, "record count"))
        guard (1...maxRecords).contains(count) else {
            throw WireError(.invalidField, "TelemetryBatch.records: \(count) records, not 1...\(maxRecords)")
        }
        guard count <= reader.remaining / recordHeaderBytes else {
            throw WireError(
                .truncated,
                "TelemetryBatch.records: \(count) records cannot fit in \(reader.remaining) bytes"
            )
        }
        var records: [TelemetryRecord] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            do {
                records.append(try decodeRecord(&reader))
            } catch {
                // Contexts read "Message.field: …"; name the record instead of the message.
                let detail = error.context.drop { $0 != "." }.dropFirst()
                throw WireError(error.code, "TelemetryBatch.records[\(index)].\(detail)")
            }
        }
        try reader.requireEnd()
        return try TelemetryBatch(device: device, records: records)
    }

    private static func decodeRecord(_ reader: inout WireReader) throws(WireError) -> TelemetryRecord {
        let seq = try reader.read(UInt64.self, "seq")
        let ts = try reader.read(Int64.self, "ts")
        let payload = try TelemetryPayload.read(from: &reader)
        return try TelemetryRecord(seq: seq, ts: ts, payload: payload)
    }
}
