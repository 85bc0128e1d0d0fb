import SQLiteStorage
import WireProtocol

/// The hub's SQLite database: device presence, device events and telemetry, written in one transaction per batch of
/// messages.
///
/// Sits behind plain methods so that a PostgreSQL backend can take its place for multi-replica hubs.
public final class HubStore: Sendable {
    let database: SQLiteDatabase

    private static let migrator = try! SQLiteMigrator([
        Migration(
            version: 1,
            name: "devices and events",
            sql: """
                CREATE TABLE devices (
                    device TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    last_seq INTEGER NOT NULL,
                    last_seen_ms INTEGER NOT NULL,
                    runtime_version TEXT NOT NULL,
                    model TEXT
                );
                CREATE TABLE events (
                    device TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    ts INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    message TEXT NOT NULL,
                    command_id TEXT,
                    PRIMARY KEY (device, seq)
                ) WITHOUT ROWID;
                """
        ),
        Migration(version: 2, name: "presence sessions", sql: "ALTER TABLE devices ADD COLUMN session INTEGER;"),
        Migration(
            version: 3,
            name: "telemetry",
            sql: """
                CREATE TABLE telemetry (
                    device TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    ts INTEGER NOT NULL,
                    received_ms INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (device, seq)
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 4,
            name: "latest device health",
            sql: """
                CREATE TABLE device_health (
                    device TEXT PRIMARY KEY,
                    ts INTEGER NOT NULL,
                    cpu REAL NOT NULL,
                    memory_bytes INTEGER NOT NULL,
                    latency_p50_us INTEGER NOT NULL,
                    latency_p99_us INTEGER NOT NULL,
                    errors INTEGER NOT NULL,
                    outbox_depth INTEGER NOT NULL
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 5,
            name: "model registry",
            sql: """
                CREATE TABLE model_versions (
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    artifact BLOB NOT NULL,
                    created_ms INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    metrics TEXT NOT NULL,
                    lineage TEXT NOT NULL,
                    signed_manifest BLOB,
                    PRIMARY KEY (name, version)
                ) WITHOUT ROWID;
                CREATE TABLE model_aliases (
                    name TEXT NOT NULL,
                    alias TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (name, alias),
                    FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
                ) WITHOUT ROWID;
                CREATE TABLE model_tags (
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (name, version, key),
                    FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
                ) WITHOUT ROWID;
                CREATE TABLE registry_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ts INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version INTEGER,
                    detail TEXT NOT NULL
                );
                CREATE TRIGGER registry_audit_append_only_update BEFORE UPDATE ON registry_audit
                BEGIN SELECT RAISE(ABORT, 'the registry audit log is append-only'); END;
                CREATE TRIGGER registry_audit_append_only_delete BEFORE DELETE ON registry_audit
                BEGIN SELECT RAISE(ABORT, 'the registry audit log is append-only'); END;
                """
        ),
        Migration(
            version: 6,
            name: "desired states",
            sql: """
                CREATE TABLE desired_states (
                    device TEXT PRIMARY KEY,
                    revision INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    published INTEGER NOT NULL
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 7,
            name: "rollouts",
            sql: """
                CREATE TABLE rollouts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    model TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    started_ms INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    finished INTEGER NOT NULL,
                    abort_reason TEXT
                );
                """
        ),
        Migration(
            version: 8,
            name: "dataset snapshots",
            sql: """
                CREATE TABLE dataset_snapshots (
                    hash TEXT PRIMARY KEY,
                    source TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    windows INTEGER NOT NULL,
                    labels TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE dataset_windows (
                    snapshot TEXT NOT NULL REFERENCES dataset_snapshots (hash),
                    idx INTEGER NOT NULL,
                    device TEXT NOT NULL,
                    sensor TEXT NOT NULL,
                    label TEXT NOT NULL,
                    frame BLOB NOT NULL,
                    PRIMARY KEY (snapshot, idx)
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 9,
            name: "feature datasets",
            sql: """
                ALTER TABLE dataset_snapshots ADD COLUMN pipeline TEXT;
                CREATE TABLE dataset_vectors (
                    snapshot TEXT NOT NULL REFERENCES dataset_snapshots (hash),
                    idx INTEGER NOT NULL,
                    device TEXT NOT NULL,
                    label TEXT NOT NULL,
                    features BLOB NOT NULL,
                    PRIMARY KEY (snapshot, idx)
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 10,
            name: "federated learning",
            sql: """
                CREATE TABLE float_weights (
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    artifact BLOB NOT NULL,
                    PRIMARY KEY (name, version)
                ) WITHOUT ROWID;
                CREATE TABLE fl_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    model TEXT NOT NULL,
                    started_ms INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    finished INTEGER NOT NULL,
                    abort_reason TEXT
                );
                CREATE TABLE fl_updates (
                    round INTEGER NOT NULL,
                    device TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    base_version INTEGER NOT NULL,
                    examples INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    received_ms INTEGER NOT NULL,
                    PRIMARY KEY (round, device)
                ) WITHOUT ROWID;
                """
        ),
        Migration(version: 11, name: "drift monitoring", sql: HubStore.driftSchema),
    ])

    /// Opens (creating if needed) the database at `path` and runs the migrations.
    /// - Throws: `SQLiteError` or `SQLiteMigrationError` naming the file.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path, options: .init(synchronous: .full))
        try Self.migrator.migrate(database)
    }

    /// Stores statuses, events and telemetry in one transaction. A status older than the one stored (lower seq) is
    /// ignored, except the will of the device's current session (an offline status with the stored `session`),
    /// which is older by construction; an event or telemetry record already stored (same device and seq) is ignored:
    /// delivery is at least once.
    /// - Returns: how many rows changed, and how many telemetry records were new or repeats.
    @discardableResult
    public func record(
        statuses: [DeviceStatus],
        events: [DeviceEvent],
        telemetry: [TelemetryBatch] = [],
        receivedAt: Int64
    ) throws -> IngestCounts {
        try database.write { connection in
            var changed = 0
            let upsert = try connection.statement(
                """
                INSERT INTO devices (device, state, last_seq, last_seen_ms, runtime_version, model, session)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (device) DO UPDATE SET
                    state = excluded.state, last_seq = max(excluded.last_seq, devices.last_seq),
                    last_seen_ms = excluded.last_seen_ms, runtime_version = excluded.runtime_version,
                    model = excluded.model, session = excluded.session
                WHERE excluded.last_seq > devices.last_seq
                    OR (excluded.state = 'offline' AND devices.state = 'online' AND excluded.session = devices.session)
                """
            )
            for status in statuses {
                try upsert.bind(status.device.rawValue, at: 1)
                try upsert.bind(status.state.rawValue, at: 2)
                try upsert.bind(Int64(clamping: status.seq), at: 3)
                try upsert.bind(receivedAt, at: 4)
                try upsert.bind(status.runtimeVersion, at: 5)
                try upsert.bind(status.activeModel.map { SQLiteValue.text("\($0.name)@\($0.version)") } ?? .null, at: 6)
                try upsert.bind(status.session.map { SQLiteValue.integer(Int64(clamping: $0)) } ?? .null, at: 7)
                _ = try upsert.step()
                try upsert.reset()
                changed += try connection.changes
            }
            let insertEvent = try connection.statement(
                """
                INSERT INTO events (device, seq, ts, kind, severity, message, command_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING
                """
            )
            for event in events {
                try insertEvent.bind(event.device.rawValue, at: 1)
                try insertEvent.bind(Int64(clamping: event.seq), at: 2)
                try insertEvent.bind(event.ts, at: 3)
                try insertEvent.bind(event.kind, at: 4)
                try insertEvent.bind(event.severity.rawValue, at: 5)
                try insertEvent.bind(event.message, at: 6)
                try insertEvent.bind(event.commandID.map(SQLiteValue.text) ?? .null, at: 7)
                _ = try insertEvent.step()
                try insertEvent.reset()
                changed += try connection.changes
            }
            let stored = try Self.insert(telemetry, receivedAt: receivedAt, connection)
            let records = telemetry.reduce(0) { $0 + $1.records.count }
            return IngestCounts(
                changed: changed + stored,
                telemetryStored: stored,
                telemetryDuplicates: records - stored
            )
        }
    }

    /// Every device the hub has heard of, by id.
    public func devices() throws -> [DeviceRecord] {
        try database.read { connection in
            try connection.query(
                """
                SELECT d.device, d.state, d.last_seq, d.last_seen_ms, d.runtime_version, d.model,
                    h.ts, h.cpu, h.memory_bytes, h.latency_p50_us, h.latency_p99_us, h.errors, h.outbox_depth
                FROM devices d LEFT JOIN device_health h ON h.device = d.device ORDER BY d.device
                """
            ).map { row in
                DeviceRecord(
                    device: try row[0].string ?? "",
                    state: try row[1].string ?? "",
                    lastSeq: UInt64(try row[2].int64 ?? 0),
                    lastSeenMs: try row[3].int64 ?? 0,
                    runtimeVersion: try row[4].string ?? "",
                    model: try row[5].string,
                    health: try row[6].int64.map { ts in
                        DeviceHealth(
                            ts: ts,
                            cpuCores: try row[7].double ?? 0,
                            memoryBytes: UInt64(try row[8].int64 ?? 0),
                            latencyP50Micros: UInt32(clamping: try row[9].int64 ?? 0),
                            latencyP99Micros: UInt32(clamping: try row[10].int64 ?? 0),
                            errors: UInt32(clamping: try row[11].int64 ?? 0),
                            outboxDepth: UInt64(try row[12].int64 ?? 0)
                        )
                    }
                )
            }
        }
    }

    /// Number of events stored for `device`.
    public func eventCount(device: String) throws -> Int {
        try database.read { connection in
            Int(try connection.scalar("SELECT count(*) FROM events WHERE device = ?", .text(device))?.int64 ?? 0)
        }
    }
}
