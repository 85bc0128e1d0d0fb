/// A batch of telemetry records from one device on `{prefix}/{device}/telemetry`, binary and zlib-compressed.
///
/// Layout, little endian:
///
///     "TB1" | u8 version (1) | u32 body length | zlib(body)
///     body: u8 device id length, id | u32 record count | records
///     record: u64 seq | i64 ts | u8 kind | kind body
///       1 prediction: str model name | u32 model version | str label | f32 score | u32 latency µs
///       2 health: f32 cpu | u64 memory bytes | u32 p50 µs | u32 p99 µs | u32 error count | u64 outbox depth
///       3 feature summary: u16 count | count × f32
///       4 metric: str name | f64 value
///     str: u16 byte length (≤ 1024) | UTF-8
public struct TelemetryBatch: WireMessage {
    /// Most records in a batch.
    public static let maxRecords = 100_000
    /// Largest uncompressed body, bytes.
    public static let maxBodyBytes = 16 * 1024 * 1024
    /// Largest encoded batch: a body that does not compress, plus zlib's and the header's overhead.
    public static let maxEncodedBytes = maxBodyBytes + 64 * 1024

    /// The device that recorded them.
    public let device: DeviceID
    /// 1...100_000 records with strictly increasing `seq`.
    public let records: [TelemetryRecord]

    /// Validates the batch as a whole; each record was validated when it was made.
    ///
    /// - Throws: `.invalidField` for no records, more than 100_000, or sequence numbers that do not strictly
    ///   increase; `.oversized` when the body would be larger than 16 MiB.
    public init(device: DeviceID, records: [TelemetryRecord]) throws(WireError) {
        guard (1...Self.maxRecords).contains(records.count) else {
            throw WireError(
                .invalidField,
                "TelemetryBatch.records: \(records.count) records, not 1...\(Self.maxRecords)"
            )
        }
        for index in records.indices.dropFirst() where records[index].seq <= records[index - 1].seq {
            throw WireError(
                .invalidField,
                "TelemetryBatch.records[\(index)].seq: \(records[index].seq) does not follow \(records[index - 1].seq)"
            )
        }
        let bodyBytes = Self.bodyBytes(device: device, records: records)
        guard bodyBytes <= Self.maxBodyBytes else {
            throw WireError(.oversized, "TelemetryBatch: body of \(bodyBytes) bytes, more than \(Self.maxBodyBytes)")
        }
        self.device = device
        self.records = records
    }
}
