import SQLiteStorage

/// Aliases (`production`, `staging`, `canary`, or any other name), tags, and the audit log that records every change
/// with who made it and why. The log is append-only: triggers refuse updates and deletes.
extension HubStore {
    /// Points `alias` of `name` at `version` (moving it if it pointed elsewhere) and logs the move.
    /// - Throws: `RegistryError` `.invalidName`, `.unknownModel`, `.unknownVersion`.
    public func promote(
        _ name: String,
        version: UInt32,
        to alias: String,
        actor: String,
        reason: String,
        now: Int64
    ) throws {
        try Self.requireIdentifier(alias, "alias")
        _ = try model(name, version: version)
        try database.write { connection in
            let previous = try connection.scalar(
                "SELECT version FROM model_aliases WHERE name = ?1 AND alias = ?2",
                .text(name),
                .text(alias)
            )?.int64
            try connection.run(
                """
                INSERT INTO model_aliases (name, alias, version) VALUES (?1, ?2, ?3)
                ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version
                """,
                .text(name),
                .text(alias),
                .integer(Int64(version))
            )
            let from = previous.map { " (was \($0))" } ?? ""
            try Self.audit(
                connection,
                RegistryAuditEntry(
                    ts: now,
                    actor: actor,
                    action: previous.map { Int64(version) < $0 } == true ? "rollback" : "promote",
                    name: name,
                    version: version,
                    detail: "\(alias) -> \(version)\(from)\(reason.isEmpty ? "" : ": \(reason)")"
                )
            )
        }
    }

    /// Sets tag `key` of a version to `value` and logs it.
    /// - Throws: `RegistryError` `.invalidName`, `.unknownModel`, `.unknownVersion`.
    public func tag(_ name: String, version: UInt32, key: String, value: String, actor: String, now: Int64) throws {
        try Self.requireIdentifier(key, "tag key")
        _ = try model(name, version: version)
        try database.write { connection in
            try connection.run(
                """
                INSERT INTO model_tags (name, version, key, value) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value
                """,
                .text(name),
                .integer(Int64(version)),
                .text(key),
                .text(value)
            )
            try Self.audit(
                connection,
                RegistryAuditEntry(
                    ts: now,
                    actor: actor,
                    action: "tag",
                    name: name,
                    version: version,
                    detail: "\(key)=\(value)"
                )
            )
        }
    }

    /// The audit log, oldest first, of one model or of all.
    public func auditLog(of name: String? = nil) throws -> [RegistryAuditEntry] {
        try database.read { connection in
            let sql = "SELECT ts, actor, action, name, version, detail FROM registry_audit"
            let rows: [Row]
            if let name {
                rows = try connection.query(sql + " WHERE name = ?1 ORDER BY id", .text(name))
            } else {
                rows = try connection.query(sql + " ORDER BY id")
            }
            return try rows.map { row in
                RegistryAuditEntry(
                    ts: try row[0].int64 ?? 0,
                    actor: try row[1].string ?? "",
                    action: try row[2].string ?? "",
                    name: try row[3].string ?? "",
                    version: try row[4].int64.map { UInt32(clamping: $0) },
                    detail: try row[5].string ?? ""
                )
            }
        }
    }

    /// The devices whose latest status reports a version of `name`, with that version.
    public func devicesRunning(_ name: String) throws -> [String: UInt32] {
        try devices().reduce(into: [:]) { running, device in
            guard let model = device.model, let at = model.lastIndex(of: "@"), model[..<at] == name,
                let version = UInt32(model[model.index(after: at)...])
            else { return }
            running[device.device] = version
        }
    }

    static func audit(_ connection: Connection, _ entry: RegistryAuditEntry) throws {
        try connection.run(
            "INSERT INTO registry_audit (ts, actor, action, name, version, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            .integer(entry.ts),
            .text(entry.actor),
            .text(entry.action),
            .text(entry.name),
            entry.version.map { .integer(Int64($0)) } ?? .null,
            .text(entry.detail)
        )
    }
}
