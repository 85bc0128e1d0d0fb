import SQLiteStorage
import WireProtocol

/// Telemetry rows: one per record, keyed by `(device, seq)` so a redelivered batch changes nothing. The payload is
/// kept in its wire form (``TelemetryPayload/encode()``) and decoded by whoever reads it. Each device's latest
/// health record is also kept apart, for `hub devices`.
extension HubStore {
    /// Inserts every record of `batches`, ignoring those already stored; runs inside the caller's transaction.
    /// - Returns: how many were new.
    static func insert(_ batches: [TelemetryBatch], receivedAt: Int64, _ connection: Connection) throws -> Int {
        guard !batches.isEmpty else { return 0 }
        let insert = try connection.statement(
            """
            INSERT INTO telemetry (device, seq, ts, received_ms, payload) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT DO NOTHING
            """
        )
        let health = try connection.statement(
            """
            INSERT INTO device_health
                (device, ts, cpu, memory_bytes, latency_p50_us, latency_p99_us, errors, outbox_depth)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (device) DO UPDATE SET
                ts = excluded.ts, cpu = excluded.cpu, memory_bytes = excluded.memory_bytes,
                latency_p50_us = excluded.latency_p50_us, latency_p99_us = excluded.latency_p99_us,
                errors = excluded.errors, outbox_depth = excluded.outbox_depth
            WHERE excluded.ts >= device_health.ts
            """
        )
        // Telemetry is news of the device too: "last seen" follows it, not only the status heartbeat.
        let seen = try connection.statement(
            "UPDATE devices SET last_seen_ms = max(last_seen_ms, ?1) WHERE device = ?2"
        )
        var stored = 0
        for batch in batches {
            try seen.bind(receivedAt, at: 1)
            try seen.bind(batch.device.rawValue, at: 2)
            _ = try seen.step()
            try seen.reset()
            try insert.bind(batch.device.rawValue, at: 1)
            try insert.bind(receivedAt, at: 4)
            for record in batch.records {
                try insert.bind(Int64(clamping: record.seq), at: 2)
                try insert.bind(record.ts, at: 3)
                try insert.bind(record.payload.encode(), at: 5)
                _ = try insert.step()
                try insert.reset()
                stored += try connection.changes
                if case .health(let figures) = record.payload {
                    try health.bind(batch.device.rawValue, at: 1)
                    try health.bind(record.ts, at: 2)
                    try health.bind(Double(figures.cpuFraction), at: 3)
                    try health.bind(Int64(clamping: figures.memoryBytes), at: 4)
                    try health.bind(Int64(figures.inferenceLatencyP50Micros), at: 5)
                    try health.bind(Int64(figures.inferenceLatencyP99Micros), at: 6)
                    try health.bind(Int64(figures.errorCount), at: 7)
                    try health.bind(Int64(clamping: figures.outboxDepth), at: 8)
                    _ = try health.step()
                    try health.reset()
                }
            }
        }
        return stored
    }

    /// The record of a `seq, ts, payload` row.
    /// - Throws: `SQLiteError` for a missing column, `WireError` for a payload that no longer decodes.
    static func telemetryRecord(_ row: Row) throws -> TelemetryRecord {
        try TelemetryRecord(
            seq: UInt64(row[0].int64 ?? 0),
            ts: row[1].int64 ?? 0,
            payload: TelemetryPayload.decode(row[2].blob ?? [])
        )
    }

    /// Telemetry records stored for `device` in sequence order: the oldest `limit`, or with `newest` the latest
    /// `limit`.
    /// - Throws: `SQLiteError`, or `WireError` for a stored payload that no longer decodes.
    public func telemetry(device: String, limit: Int = 1_000, newest: Bool = false) throws -> [TelemetryRecord] {
        try database.read { connection in
            let rows = try connection.query(
                "SELECT seq, ts, payload FROM telemetry WHERE device = ?1 ORDER BY seq \(newest ? "DESC" : "") LIMIT ?2",
                .text(device),
                .integer(Int64(limit))
            ).map(Self.telemetryRecord)
            return newest ? rows.reversed() : rows
        }
    }

    /// Number of telemetry records stored for `device`.
    public func telemetryCount(device: String) throws -> Int {
        try database.read { connection in
            Int(try connection.scalar("SELECT count(*) FROM telemetry WHERE device = ?1", .text(device))?.int64 ?? 0)
        }
    }
}
