import SQLiteStorage
import WireProtocol

/// The telemetry outbox: every record is stored with its sequence number before it is sent, and deleted only when the
/// hub has confirmed it stored the batch that carried it (`telemetry/ack`), so a crash, a broker or hub restart or a
/// long time offline loses nothing within the configured limits. The depth is kept in its own row so the limits cost no table scan.
extension EdgeStateStore {
    /// Stores `payloads` with fresh sequence numbers, in one transaction, applying `limits.maxRecords` with
    /// `limits.overflow`.
    /// - Throws: `SQLiteError` (`.full` when the disk is full); then nothing was stored and no sequence number used.
    @discardableResult
    public func appendTelemetry(
        _ payloads: [TelemetryPayload],
        at ts: Int64,
        limits: OutboxLimits
    ) throws -> OutboxAppendResult {
        try database.write { connection in
            let depth = try Self.depth(connection)
            let free = max(0, limits.maxRecords - depth)
            var result = OutboxAppendResult(stored: 0, droppedOldest: 0, rejected: 0)
            var accepted = payloads[...]
            switch limits.overflow {
            case .rejectNewest:
                accepted = payloads.prefix(free)
                result.rejected = payloads.count - accepted.count
            case .dropOldest:
                accepted = payloads.suffix(limits.maxRecords)
                result.rejected = payloads.count - accepted.count
                let excess = accepted.count - free
                if excess > 0 {
                    result.droppedOldest = try connection.run(
                        "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ?1)",
                        .integer(Int64(excess))
                    )
                }
            }
            guard !accepted.isEmpty else { return result }
            try connection.run("UPDATE sequence SET last = last + ?1 WHERE id = 1", .integer(Int64(accepted.count)))
            guard case .integer(let last) = try connection.scalar("SELECT last FROM sequence WHERE id = 1") else {
                throw SQLiteError(code: .corrupt, message: "sequence row missing", path: database.path)
            }
            let insert = try connection.statement("INSERT INTO outbox (seq, ts, payload) VALUES (?1, ?2, ?3)")
            for (offset, payload) in accepted.enumerated() {
                try insert.bind(last - Int64(accepted.count) + 1 + Int64(offset), at: 1)
                try insert.bind(ts, at: 2)
                try insert.bind(payload.encode(), at: 3)
                _ = try insert.step()
                try insert.reset()
            }
            result.stored = accepted.count
            try Self.adjustDepth(by: result.stored - result.droppedOldest, connection)
            return result
        }
    }

    /// Up to `limit` of the oldest unsent records, in sequence order.
    /// - Throws: `SQLiteError`, or `WireError` when a stored payload no longer decodes (a corrupt row).
    public func pendingTelemetry(limit: Int) throws -> [TelemetryRecord] {
        try database.read { connection in
            let select = try connection.statement("SELECT seq, ts, payload FROM outbox ORDER BY seq LIMIT ?1")
            try select.bind(Int64(limit), at: 1)
            defer { try? select.reset() }
            var records: [TelemetryRecord] = []
            while try select.step() {
                records.append(
                    try TelemetryRecord(
                        seq: UInt64(try select.int64(at: 0)),
                        ts: try select.int64(at: 1),
                        payload: TelemetryPayload.decode(try select.blob(at: 2))
                    )
                )
            }
            return records
        }
    }

    /// Deletes the records up to and including `seq`: the hub has stored them.
    /// - Returns: how many were deleted.
    @discardableResult
    public func acknowledgeTelemetry(through seq: UInt64) throws -> Int {
        try database.write { connection in
            let deleted = try connection.run("DELETE FROM outbox WHERE seq <= ?1", .integer(Int64(seq)))
            try Self.adjustDepth(by: -deleted, connection)
            return deleted
        }
    }

    /// Deletes unsent records recorded before `ts` (unix ms).
    /// - Returns: how many were deleted.
    @discardableResult
    public func expireTelemetry(before ts: Int64) throws -> Int {
        try database.write { connection in
            let deleted = try connection.run("DELETE FROM outbox WHERE ts < ?1", .integer(ts))
            try Self.adjustDepth(by: -deleted, connection)
            return deleted
        }
    }

    /// Records waiting to be sent.
    public func outboxDepth() throws -> Int {
        try database.read { connection in try Self.depth(connection) }
    }

    private static func depth(_ connection: Connection) throws -> Int {
        Int(try connection.scalar("SELECT records FROM outbox_depth WHERE id = 1")?.int64 ?? 0)
    }

    private static func adjustDepth(by delta: Int, _ connection: Connection) throws {
        guard delta != 0 else { return }
        try connection.run("UPDATE outbox_depth SET records = records + ?1 WHERE id = 1", .integer(Int64(delta)))
    }
}
