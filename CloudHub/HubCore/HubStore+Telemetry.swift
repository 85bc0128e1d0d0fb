import SQLiteStorage
import WireProtocol

/// Telemetry rows: one per record, keyed by `(device, seq)` so a redelivered batch changes nothing. The payload is
/// kept in its wire form (``TelemetryPayload/encode()``) and decoded by whoever reads it.
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
        var stored = 0
        for batch in batches {
            try insert.bind(batch.device.rawValue, at: 1)
            try insert.bind(receivedAt, at: 4)
            for record in batch.records {
                try insert.bind(Int64(clamping: record.seq), at: 2)
                try insert.bind(record.ts, at: 3)
                try insert.bind(record.payload.encode(), at: 5)
                _ = try insert.step()
                try insert.reset()
                stored += try connection.changes
            }
        }
        return stored
    }

    /// Telemetry records stored for `device`, oldest first, at most `limit`.
    /// - Throws: `SQLiteError`, or `WireError` for a stored payload that no longer decodes.
    public func telemetry(device: String, limit: Int = 1_000) throws -> [TelemetryRecord] {
        try database.read { connection in
            try connection.query(
                "SELECT seq, ts, payload FROM telemetry WHERE device = ?1 ORDER BY seq LIMIT ?2",
                .text(device),
                .integer(Int64(limit))
            ).map { row in
                try TelemetryRecord(
                    seq: UInt64(row[0].int64 ?? 0),
                    ts: row[1].int64 ?? 0,
                    payload: TelemetryPayload.decode(row[2].blob ?? [])
                )
            }
        }
    }

    /// Number of telemetry records stored for `device`.
    public func telemetryCount(device: String) throws -> Int {
        try database.read { connection in
            Int(try connection.scalar("SELECT count(*) FROM telemetry WHERE device = ?1", .text(device))?.int64 ?? 0)
        }
    }
}
