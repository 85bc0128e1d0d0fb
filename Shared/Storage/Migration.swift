/// One schema step: a script that moves the database from the previous version to `version`.
public struct Migration: Hashable, Sendable {
    /// The schema version this migration produces, stored in `PRAGMA user_version`; at least 1.
    public let version: Int32
    /// A short name for errors and logs, for example `create_outbox`.
    public let name: String
    /// The script, any number of `;`-separated statements; it must not open or end transactions itself.
    public let sql: String

    /// A migration to `version`.
    public init(version: Int32, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
