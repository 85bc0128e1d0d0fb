import SQLiteStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The edge's durable state in SQLite: the per-device message sequence, which must keep increasing across restarts so
/// the hub's deduplication on `(device, seq)` never drops a new message as a repeat; the telemetry outbox (see
/// `EdgeStateStore+Outbox.swift`); the model slots (`EdgeStateStore+Models.swift`); local labelled samples
/// (`EdgeStateStore+Samples.swift`); and the sensor pipeline's latest counters, for `edge status`.
public final class EdgeStateStore: Sendable {
    let database: SQLiteDatabase
    /// The state directory: `edge.sqlite` and the model slots' files live here.
    public let directory: String

    private static let migrator = try! SQLiteMigrator([
        Migration(
            version: 1,
            name: "sequence",
            sql: """
                CREATE TABLE sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
                INSERT INTO sequence (id, last) VALUES (1, 0);
                """
        ),
        Migration(
            version: 2,
            name: "telemetry outbox",
            sql: """
                CREATE TABLE outbox (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE INDEX outbox_ts ON outbox (ts);
                CREATE TABLE outbox_depth (id INTEGER PRIMARY KEY CHECK (id = 1), records INTEGER NOT NULL);
                INSERT INTO outbox_depth (id, records) VALUES (1, 0);
                """
        ),
        Migration(
            version: 3,
            name: "model slots and trusted versions",
            sql: """
                CREATE TABLE model_slots (
                    slot TEXT PRIMARY KEY CHECK (slot IN ('a', 'b')),
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    installed_ms INTEGER NOT NULL
                );
                CREATE TABLE active_slot (id INTEGER PRIMARY KEY CHECK (id = 1), slot TEXT CHECK (slot IN ('a', 'b')));
                INSERT INTO active_slot (id, slot) VALUES (1, NULL);
                CREATE TABLE trusted_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
                """
        ),
        Migration(
            version: 4,
            name: "counters",
            sql: "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
        ),
        Migration(
            version: 5,
            name: "update bookkeeping",
            sql: """
                CREATE TABLE failed_updates (name TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (name, version));
                CREATE TABLE uncommitted_slot (id INTEGER PRIMARY KEY CHECK (id = 1), slot TEXT CHECK (slot IN ('a', 'b')));
                INSERT INTO uncommitted_slot (id, slot) VALUES (1, NULL);
                """
        ),
        Migration(
            version: 6,
            name: "local labelled samples",
            sql: """
                CREATE TABLE samples (
                    id INTEGER PRIMARY KEY,
                    pipeline INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    window_start_ms INTEGER NOT NULL,
                    features BLOB NOT NULL
                );
                CREATE INDEX samples_pipeline ON samples (pipeline, id);
                """
        ),
    ])

    /// Opens (creating if needed) `edge.sqlite` in `directory` and runs the migrations.
    /// - Throws: `SQLiteError` or `SQLiteMigrationError` naming the file, when it cannot be created or is corrupt.
    public init(directory: String) throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw SQLiteError(
                code: .cantOpen,
                message: "cannot create state directory (errno \(errno))",
                path: directory
            )
        }
        self.directory = directory
        // FULL: a sequence number handed out must never be handed out again, even after a power cut.
        database = try SQLiteDatabase(path: "\(directory)/edge.sqlite", options: .init(synchronous: .full))
        try Self.migrator.migrate(database)
    }

    /// Reserves and returns the next sequence number (1, 2, 3, … for the device's whole life).
    public func nextSequence() throws -> UInt64 {
        try database.write { connection in
            try connection.run("UPDATE sequence SET last = last + 1 WHERE id = 1")
            guard case .integer(let value) = try connection.scalar("SELECT last FROM sequence WHERE id = 1") else {
                throw SQLiteError(code: .corrupt, message: "sequence row missing", path: database.path)
            }
            return UInt64(value)
        }
    }

    /// The last sequence number handed out, without reserving one.
    public func lastSequence() throws -> UInt64 {
        try database.read { connection in
            guard case .integer(let value) = try connection.scalar("SELECT last FROM sequence WHERE id = 1") else {
                return 0
            }
            return UInt64(value)
        }
    }

    /// Replaces the saved counters with `counters` (name, value), in one transaction.
    public func saveCounters(_ counters: [(name: String, value: UInt64)]) throws {
        try database.write { connection in
            for counter in counters {
                _ = try connection.run(
                    "INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)",
                    .text(counter.name),
                    .integer(Int64(clamping: counter.value))
                )
            }
        }
    }

    /// The saved counters, sorted by name; empty before the daemon first saved them.
    public func savedCounters() throws -> [(name: String, value: UInt64)] {
        try database.read { connection in
            try connection.query("SELECT name, value FROM counters ORDER BY name").map { row in
                (name: try row[0].string ?? "", value: UInt64(clamping: try row[1].int64 ?? 0))
            }
        }
    }
}
