import SQLiteStorage
import WireProtocol

/// Drift monitoring's tables: each device's interval summaries (telemetry kind 6, in their wire form, keyed so that a
/// redelivered record changes nothing), the data-validation counters per device and model, and each scope's
/// persistence state.
extension HubStore {
    static let driftSchema = """
        CREATE TABLE drift_summaries (
            device TEXT NOT NULL,
            model TEXT NOT NULL,
            version INTEGER NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (device, model, version, start_ms)
        ) WITHOUT ROWID;
        CREATE INDEX drift_summaries_window ON drift_summaries (model, version, end_ms);
        CREATE TABLE drift_validation (
            device TEXT NOT NULL,
            model TEXT NOT NULL,
            version INTEGER NOT NULL,
            checked INTEGER NOT NULL,
            schema_errors INTEGER NOT NULL,
            non_finite INTEGER NOT NULL,
            out_of_range INTEGER NOT NULL,
            PRIMARY KEY (device, model, version)
        ) WITHOUT ROWID;
        CREATE TABLE drift_state (
            scope TEXT NOT NULL,
            model TEXT NOT NULL,
            version INTEGER NOT NULL,
            consecutive INTEGER NOT NULL,
            flagged_since_ms INTEGER,
            policy_acted INTEGER NOT NULL,
            PRIMARY KEY (scope, model, version)
        ) WITHOUT ROWID;
        """

    /// Stores the summaries and adds the validation counts, in one transaction.
    /// - Returns: how many summaries were new.
    @discardableResult
    func recordDrift(
        summaries: [(device: DeviceID, record: DriftSummaryRecord)],
        validation: [DriftValidationKey: DriftValidationCounts]
    ) throws -> Int {
        try database.write { connection in
            let insert = try connection.statement(
                """
                INSERT INTO drift_summaries (device, model, version, start_ms, end_ms, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING
                """
            )
            var stored = 0
            for (device, record) in summaries {
                try insert.bind(device.rawValue, at: 1)
                try insert.bind(record.model.name, at: 2)
                try insert.bind(Int64(record.model.version), at: 3)
                try insert.bind(record.intervalStartMs, at: 4)
                try insert.bind(record.intervalEndMs, at: 5)
                try insert.bind(TelemetryPayload.driftSummary(record).encode(), at: 6)
                _ = try insert.step()
                try insert.reset()
                stored += try connection.changes
            }
            for (key, counts) in validation {
                try connection.run(
                    """
                    INSERT INTO drift_validation
                        (device, model, version, checked, schema_errors, non_finite, out_of_range)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    ON CONFLICT (device, model, version) DO UPDATE SET
                        checked = checked + excluded.checked, schema_errors = schema_errors + excluded.schema_errors,
                        non_finite = non_finite + excluded.non_finite, out_of_range = out_of_range + excluded.out_of_range
                    """,
                    .text(key.device),
                    .text(key.model),
                    .integer(Int64(key.version)),
                    .integer(Int64(clamping: counts.checked)),
                    .integer(Int64(clamping: counts.schemaErrors)),
                    .integer(Int64(clamping: counts.nonFinite)),
                    .integer(Int64(clamping: counts.outOfRange))
                )
            }
            return stored
        }
    }

    /// Summaries of `model@version` whose interval ends in `(fromMs, toMs]`, with their device.
    /// - Throws: `SQLiteError`; a stored payload that no longer decodes throws `WireError`.
    func driftSummaries(
        model: String,
        version: UInt32,
        fromMs: Int64,
        toMs: Int64
    ) throws -> [(device: String, record: DriftSummaryRecord)] {
        try database.read { connection in
            try connection.query(
                """
                SELECT device, payload FROM drift_summaries
                WHERE model = ?1 AND version = ?2 AND end_ms > ?3 AND end_ms <= ?4 ORDER BY device, start_ms
                """,
                .text(model),
                .integer(Int64(version)),
                .integer(fromMs),
                .integer(toMs)
            ).compactMap(Self.deviceSummary)
        }
    }

    /// The first `intervals` summaries of `model@version` of each of `devices` (all of them for a device with
    /// fewer), ordered by device and interval start: the devices' baselines. One range read of the primary key per
    /// device.
    /// - Throws: `SQLiteError`; a stored payload that no longer decodes throws `WireError`.
    func driftBaselineSummaries(
        model: String,
        version: UInt32,
        devices: [String],
        intervals: Int
    ) throws -> [(device: String, record: DriftSummaryRecord)] {
        try database.read { connection in
            try devices.sorted().flatMap { device in
                try connection.query(
                    """
                    SELECT device, payload FROM drift_summaries
                    WHERE device = ?1 AND model = ?2 AND version = ?3 ORDER BY start_ms LIMIT ?4
                    """,
                    .text(device),
                    .text(model),
                    .integer(Int64(version)),
                    .integer(Int64(intervals))
                ).compactMap(Self.deviceSummary)
            }
        }
    }

    /// The raw feature vectors of `length` values `device` recorded in `(fromMs, toMs]` (telemetry kinds 3 and 5, by
    /// the time the device recorded them), oldest first.
    /// - Throws: `SQLiteError`; a stored payload that no longer decodes throws `WireError`.
    func rawFeatureVectors(device: String, fromMs: Int64, toMs: Int64, length: Int) throws -> [[Float]] {
        try database.read { connection in
            try connection.query(
                """
                SELECT payload FROM telemetry WHERE device = ?1 AND ts > ?2 AND ts <= ?3
                AND substr(payload, 1, 1) IN (x'03', x'05') ORDER BY seq
                """,
                .text(device),
                .integer(fromMs),
                .integer(toMs)
            ).compactMap { row -> [Float]? in
                switch try TelemetryPayload.decode(try row[0].blob ?? []) {
                case .featureSummary(let values), .labelledFeatures(_, let values):
                    values.count == length ? values : nil
                default:
                    nil
                }
            }
        }
    }

    /// A `(device, payload)` row's summary; nil for a payload of another kind.
    private static func deviceSummary(_ row: Row) throws -> (device: String, record: DriftSummaryRecord)? {
        guard case .driftSummary(let record) = try TelemetryPayload.decode(try row[1].blob ?? []) else { return nil }
        return (try row[0].string ?? "", record)
    }

    /// Model versions with summaries ending in `(fromMs, toMs]`.
    func driftModels(fromMs: Int64, toMs: Int64) throws -> [(name: String, version: UInt32)] {
        try database.read { connection in
            try connection.query(
                "SELECT DISTINCT model, version FROM drift_summaries WHERE end_ms > ?1 AND end_ms <= ?2 ORDER BY 1, 2",
                .integer(fromMs),
                .integer(toMs)
            ).map { (try $0[0].string ?? "", UInt32(clamping: try $0[1].int64 ?? 0)) }
        }
    }

    /// Validation counters by device, model and version.
    public func driftValidation() throws -> [DriftValidationKey: DriftValidationCounts] {
        try database.read { connection in
            var result: [DriftValidationKey: DriftValidationCounts] = [:]
            for row in try connection.query(
                "SELECT device, model, version, checked, schema_errors, non_finite, out_of_range FROM drift_validation"
            ) {
                let key = DriftValidationKey(
                    device: try row[0].string ?? "",
                    model: try row[1].string ?? "",
                    version: UInt32(clamping: try row[2].int64 ?? 0)
                )
                result[key] = DriftValidationCounts(
                    checked: UInt64(clamping: try row[3].int64 ?? 0),
                    schemaErrors: UInt64(clamping: try row[4].int64 ?? 0),
                    nonFinite: UInt64(clamping: try row[5].int64 ?? 0),
                    outOfRange: UInt64(clamping: try row[6].int64 ?? 0)
                )
            }
            return result
        }
    }

    /// The persistence state of every scope of `model@version`, by scope.
    func driftStates(model: String, version: UInt32) throws -> [String: DriftScopeState] {
        try database.read { connection in
            var states: [String: DriftScopeState] = [:]
            for row in try connection.query(
                """
                SELECT scope, consecutive, flagged_since_ms, policy_acted FROM drift_state
                WHERE model = ?1 AND version = ?2
                """,
                .text(model),
                .integer(Int64(version))
            ) {
                states[try row[0].string ?? ""] = DriftScopeState(
                    consecutive: Int(try row[1].int64 ?? 0),
                    flaggedSinceMs: try row[2].int64,
                    policyActed: (try row[3].int64 ?? 0) != 0
                )
            }
            return states
        }
    }

    /// Saves the states of `model@version` and appends `audit` entries, in one transaction.
    func saveDriftStates(
        _ states: [String: DriftScopeState],
        model: String,
        version: UInt32,
        audit: [RegistryAuditEntry]
    ) throws {
        try database.write { connection in
            for (scope, state) in states {
                try connection.run(
                    """
                    INSERT INTO drift_state (scope, model, version, consecutive, flagged_since_ms, policy_acted)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT (scope, model, version) DO UPDATE SET consecutive = excluded.consecutive,
                        flagged_since_ms = excluded.flagged_since_ms, policy_acted = excluded.policy_acted
                    """,
                    .text(scope),
                    .text(model),
                    .integer(Int64(version)),
                    .integer(Int64(state.consecutive)),
                    state.flaggedSinceMs.map(SQLiteValue.integer) ?? .null,
                    .integer(state.policyActed ? 1 : 0)
                )
            }
            for entry in audit { try Self.audit(connection, entry) }
        }
    }
}

/// A device's validation counters are kept per model version.
public struct DriftValidationKey: Sendable, Hashable, Codable {
    /// Device id.
    public var device: String
    /// Model name.
    public var model: String
    /// Model version.
    public var version: UInt32

    /// A key.
    public init(device: String, model: String, version: UInt32) {
        self.device = device
        self.model = model
        self.version = version
    }
}

/// What data validation at ingestion counted.
public struct DriftValidationCounts: Sendable, Hashable, Codable {
    /// Feature values checked (raw vectors' values and summarised values).
    public var checked: UInt64 = 0
    /// Vectors or summaries whose feature count or bin edges are not the model's.
    public var schemaErrors: UInt64 = 0
    /// NaN or infinite values (counted by the device in its summaries: the wire refuses them in raw vectors).
    public var nonFinite: UInt64 = 0
    /// Values outside the reference range: for raw vectors by more than the margin; for summaries, those in the
    /// underflow and overflow bins.
    public var outOfRange: UInt64 = 0

    mutating func add(_ other: DriftValidationCounts) {
        checked += other.checked
        schemaErrors += other.schemaErrors
        nonFinite += other.nonFinite
        outOfRange += other.outOfRange
    }
}

/// A scope's persistence state across evaluations.
struct DriftScopeState: Sendable, Equatable {
    /// Consecutive evaluations that found the dataset drifted.
    var consecutive = 0
    /// When the scope became flagged (consecutive reached the persistence), nil when not flagged.
    var flaggedSinceMs: Int64?
    /// Whether the policy already acted on this flagged episode.
    var policyActed = false
}
