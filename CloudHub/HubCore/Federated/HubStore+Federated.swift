import FoundationEssentials
import SQLiteStorage
import UpdateSigning
import WireProtocol

/// A federated run as stored: its id, when it started, its machine's state, and an operator's pending abort.
public struct StoredFederatedRun: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// Unix ms when `hub fl start` ran.
    public var startedMs: Int64
    /// The machine's whole state.
    public var machine: FederatedRunMachine
    /// An abort asked for by an operator, not yet handled.
    public var abortRequested: String?
}

/// One device's update for a round, as the hub stored it.
public struct StoredFederatedUpdate: Sendable, Hashable {
    /// The device.
    public var device: String
    /// The version its delta is against.
    public var baseVersion: UInt32
    /// Its local examples.
    public var examples: Int
    /// The packed delta.
    public var payload: [UInt8]
    /// When the hub stored it, unix ms.
    public var receivedMs: Int64
}

/// Federated learning in the hub's database: the float32 weights each version is trained from (served to devices as
/// artifact `{model}.float`), the runs (their machine's state as JSON, so a restarted hub carries on) and the
/// updates devices sent.
extension HubStore {
    /// Keeps the float32 `.edgemodel` of `model`@`version` (served as `{model}.float`), replacing an older copy.
    public func saveFloatWeights(model: String, version: UInt32, artifact: [UInt8]) throws {
        try database.write { connection in
            try connection.run(
                "INSERT OR REPLACE INTO float_weights (name, version, sha256, artifact) VALUES (?1, ?2, ?3, ?4)",
                .text("\(model).float"),
                .integer(Int64(version)),
                .text(ArtifactDigest.sha256(artifact)),
                .blob(artifact)
            )
        }
    }

    /// The float32 weights of `model`@`version` and their SHA-256, nil when the hub has none.
    public func floatWeights(model: String, version: UInt32) throws -> (bytes: [UInt8], sha256: String)? {
        try database.read { connection in
            try connection.query(
                "SELECT artifact, sha256 FROM float_weights WHERE name = ?1 AND version = ?2",
                .text("\(model).float"),
                .integer(Int64(version))
            ).first.map { (try $0[0].blob ?? [], try $0[1].string ?? "") }
        }
    }

    /// Up to `length` bytes from `offset` of the float weights served as `name` (`{model}.float`), as
    /// ``artifactRange(_:version:offset:length:)`` reads registered artifacts; nil when there are none.
    public func floatWeightsRange(
        _ name: String,
        version: UInt32,
        offset: UInt64,
        length: UInt32
    ) throws -> (total: UInt64, bytes: [UInt8])? {
        try blobRange(table: "float_weights", name, version: version, offset: offset, length: length)
    }

    /// Starts a run of `plan` from the model's latest version.
    /// - Throws: `FederatedRunError` `.invalidPlan`, `.alreadyRunning`, `.noWeights`; `RegistryError` `.unknownModel`;
    ///   `SQLiteError`.
    @discardableResult
    public func startFederatedRun(_ plan: FederatedPlan, now: Int64) throws -> StoredFederatedRun {
        try plan.validate()
        guard let base = try latestVersion(of: plan.model) else {
            throw RegistryError(.unknownModel, "no model named \(plan.model)")
        }
        guard try floatWeights(model: plan.model, version: base) != nil else {
            throw FederatedRunError(
                .noWeights,
                "\(plan.model)@\(base) has no float32 weights at the hub; train it with `hub train`"
            )
        }
        if let current = try currentFederatedRun(), !current.machine.isFinished {
            throw FederatedRunError(.alreadyRunning, "run \(current.id) of \(current.machine.plan.model) is running")
        }
        return try database.write { connection in
            let id =
                (try connection.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'fl_runs'")?.int64 ?? 0) + 1
            // Round ids are unique across runs: the run id in the high 32 bits.
            let machine = FederatedRunMachine(plan: plan, baseVersion: base, firstRoundID: UInt64(id) << 32 + 1)
            try connection.run(
                "INSERT INTO fl_runs (id, model, started_ms, state, finished) VALUES (?1, ?2, ?3, ?4, 0)",
                .integer(id),
                .text(plan.model),
                .integer(now),
                .text(Self.json(machine))
            )
            return StoredFederatedRun(id: id, startedMs: now, machine: machine, abortRequested: nil)
        }
    }

    /// The latest run, nil when there was none.
    /// - Throws: `SQLiteError`; `FederatedRunError` `.invalidPlan` when its stored state does not decode.
    public func currentFederatedRun() throws -> StoredFederatedRun? {
        let row = try database.read { connection in
            try connection.query(
                "SELECT id, started_ms, state, abort_reason FROM fl_runs ORDER BY id DESC LIMIT 1"
            ).first.map { row in
                (try row[0].int64 ?? 0, try row[1].int64 ?? 0, try row[2].string ?? "", try row[3].string)
            }
        }
        guard let (id, started, state, abort) = row else { return nil }
        guard let machine = try? JSONDecoder().decode(FederatedRunMachine.self, from: Data(state.utf8)) else {
            throw FederatedRunError(.invalidPlan, "run \(id): stored state does not decode")
        }
        return StoredFederatedRun(id: id, startedMs: started, machine: machine, abortRequested: abort)
    }

    /// Saves run `id`'s machine; a handled abort request is cleared.
    public func saveFederatedRun(id: Int64, _ machine: FederatedRunMachine) throws {
        try database.write { connection in
            try connection.run(
                "UPDATE fl_runs SET state = ?2, finished = ?3, abort_reason = NULL WHERE id = ?1",
                .integer(id),
                .text(Self.json(machine)),
                .integer(machine.isFinished ? 1 : 0)
            )
        }
    }

    /// Asks the running hub to stop the current run.
    /// - Throws: `FederatedRunError` `.noRun` when none is running; `SQLiteError`.
    public func requestFederatedAbort(reason: String) throws {
        guard let current = try currentFederatedRun(), !current.machine.isFinished else {
            throw FederatedRunError(.noRun, "no federated run is going on")
        }
        try database.write { connection in
            try connection.run(
                "UPDATE fl_runs SET abort_reason = ?2 WHERE id = ?1",
                .integer(current.id),
                .text(reason)
            )
        }
    }

    /// Stores updates, one per device and round: a repeat (at-least-once delivery, or a device that trained the
    /// round twice) is ignored. Returns how many were new.
    @discardableResult
    public func recordFederatedUpdates(_ updates: [FederatedUpdate], receivedAt: Int64) throws -> Int {
        guard !updates.isEmpty else { return 0 }
        return try database.write { connection in
            var stored = 0
            for update in updates {
                try connection.run(
                    """
                    INSERT OR IGNORE INTO fl_updates
                        (round, device, seq, base_version, examples, payload, received_ms)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    """,
                    .integer(Int64(bitPattern: update.round)),
                    .text(update.device.rawValue),
                    .integer(Int64(clamping: update.seq)),
                    .integer(Int64(update.baseVersion)),
                    .integer(Int64(update.examples)),
                    .blob(update.update),
                    .integer(receivedAt)
                )
                stored += try connection.changes
            }
            return stored
        }
    }

    /// Deletes the stored updates of round `round` (once its version is registered they are not needed).
    public func deleteFederatedUpdates(round: UInt64) throws {
        try database.write { connection in
            try connection.run("DELETE FROM fl_updates WHERE round = ?1", .integer(Int64(bitPattern: round)))
        }
    }

    /// The updates worth storing: those for the round being collected, from a device it selected. Anything else
    /// (a late update, a device not selected, a made-up round) would only fill the database.
    public func acceptedFederatedUpdates(_ updates: [FederatedUpdate]) throws -> [FederatedUpdate] {
        guard !updates.isEmpty, let run = try currentFederatedRun(),
            case .collecting(_, let id, _, let devices, _) = run.machine.status
        else { return [] }
        let selected = Set(devices)
        return updates.filter { $0.round == id && selected.contains($0.device.rawValue) }
    }

    /// The devices whose update for round `round` against `baseVersion` arrived by `deadline` (unix ms).
    public func federatedUpdateDevices(round: UInt64, baseVersion: UInt32, by deadline: Int64) throws -> Set<String> {
        try database.read { connection in
            Set(
                try connection.query(
                    "SELECT device FROM fl_updates WHERE round = ?1 AND base_version = ?2 AND received_ms <= ?3",
                    .integer(Int64(bitPattern: round)),
                    .integer(Int64(baseVersion)),
                    .integer(deadline)
                ).compactMap { try $0[0].string }
            )
        }
    }

    /// The updates of round `round` from `devices`.
    public func federatedUpdates(round: UInt64, devices: [String]) throws -> [StoredFederatedUpdate] {
        try database.read { connection in
            try devices.compactMap { device in
                try connection.query(
                    """
                    SELECT base_version, examples, payload, received_ms FROM fl_updates
                    WHERE round = ?1 AND device = ?2
                    """,
                    .integer(Int64(bitPattern: round)),
                    .text(device)
                ).first.map { row in
                    StoredFederatedUpdate(
                        device: device,
                        baseVersion: UInt32(clamping: try row[0].int64 ?? 0),
                        examples: Int(try row[1].int64 ?? 0),
                        payload: try row[2].blob ?? [],
                        receivedMs: try row[3].int64 ?? 0
                    )
                }
            }
        }
    }
}
