import SQLiteStorage
import WireProtocol

/// The telemetry a rollout's quality gates read: a device's records after a given seq, oldest first.
extension HubStore {
    /// Up to `limit` telemetry records of `device` with a seq above `after` and a time at or after `since` (unix ms,
    /// device clock), in seq order.
    /// - Throws: `SQLiteError`, or `WireError` for a stored payload that no longer decodes.
    public func telemetry(device: String, after seq: UInt64, since: Int64, limit: Int) throws -> [TelemetryRecord] {
        try database.read { connection in
            try connection.query(
                "SELECT seq, ts, payload FROM telemetry WHERE device = ?1 AND seq > ?2 AND ts >= ?3 ORDER BY seq LIMIT ?4",
                .text(device),
                .integer(Int64(clamping: seq)),
                .integer(since),
                .integer(Int64(limit))
            ).map(Self.telemetryRecord)
        }
    }
}
