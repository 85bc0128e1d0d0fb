import FoundationEssentials
import SQLiteStorage

/// A rollout as stored: its id, when it started, its controller state, and an operator's pending abort.
public struct StoredRollout: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// Unix ms when `hub rollout start` ran.
    public var startedMs: Int64
    /// The controller's whole state.
    public var controller: RolloutController
    /// An abort asked for by `hub rollout abort`, not yet handled.
    public var abortRequested: String?
}

/// Rollouts in the hub's database: the controller's state as JSON, so a restarted hub carries on where it was.
extension HubStore {
    /// Creates a rollout of `plan` over every device the hub knows, each with its current version of the model.
    /// - Throws: `RolloutError` `.alreadyRunning`, `.noDevices`; `RegistryError` for an unknown version; `SQLiteError`.
    @discardableResult
    public func startRollout(_ plan: RolloutPlan, now: Int64) throws -> StoredRollout {
        _ = try model(plan.model, version: plan.version)
        if let current = try currentRollout(), !current.controller.isFinished {
            throw RolloutError(.alreadyRunning, "rollout \(current.id) of \(current.controller.plan.model) is running")
        }
        let prefix = "\(plan.model)@"
        let fleet = try devices().reduce(into: [String: UInt32?]()) { fleet, device in
            let version: UInt32? = device.model.flatMap { model in
                model.hasPrefix(prefix) ? UInt32(model.dropFirst(prefix.count)) : nil
            }
            // `.some`: a device without the model is in the fleet with no previous version, not left out.
            fleet[device.device] = .some(version)
        }
        let controller = try RolloutController(plan: plan, fleet: fleet)
        let id = try database.write { connection in
            try connection.run(
                """
                INSERT INTO rollouts (model, version, started_ms, state, finished) VALUES (?1, ?2, ?3, ?4, 0)
                """,
                .text(plan.model),
                .integer(Int64(plan.version)),
                .integer(now),
                .text(Self.json(controller))
            )
            return try connection.scalar("SELECT last_insert_rowid()")?.int64 ?? 0
        }
        return StoredRollout(id: id, startedMs: now, controller: controller, abortRequested: nil)
    }

    /// The latest rollout, nil when there was none.
    /// - Throws: `SQLiteError`; `RolloutError` `.noRollout` when its stored state does not decode.
    public func currentRollout() throws -> StoredRollout? {
        let row = try database.read { connection in
            try connection.query(
                "SELECT id, started_ms, state, abort_reason FROM rollouts ORDER BY id DESC LIMIT 1"
            ).first.map { row in
                (try row[0].int64 ?? 0, try row[1].int64 ?? 0, try row[2].string ?? "", try row[3].string)
            }
        }
        guard let (id, started, state, abort) = row else { return nil }
        guard let controller = try? JSONDecoder().decode(RolloutController.self, from: Data(state.utf8)) else {
            throw RolloutError(.noRollout, "rollout \(id): stored state does not decode")
        }
        return StoredRollout(id: id, startedMs: started, controller: controller, abortRequested: abort)
    }

    /// Saves the controller's state of rollout `id`; a handled abort request is cleared.
    public func saveRollout(id: Int64, _ controller: RolloutController) throws {
        try database.write { connection in
            try connection.run(
                "UPDATE rollouts SET state = ?2, finished = ?3, abort_reason = NULL WHERE id = ?1",
                .integer(id),
                .text(Self.json(controller)),
                .integer(controller.isFinished ? 1 : 0)
            )
        }
    }

    /// Asks the running hub to abort the current rollout.
    /// - Throws: `RolloutError` `.noRollout` when none is running; `SQLiteError`.
    public func requestRolloutAbort(reason: String) throws {
        guard let current = try currentRollout(), !current.controller.isFinished else {
            throw RolloutError(.noRollout, "no rollout is running")
        }
        try database.write { connection in
            try connection.run(
                "UPDATE rollouts SET abort_reason = ?2 WHERE id = ?1",
                .integer(current.id),
                .text(reason)
            )
        }
    }

    /// The update outcomes devices reported for `model@version` since `since` (unix ms, device clocks): device, event
    /// kind (`update.committed`, `update.rolled_back`, `update.rejected`) and time, oldest first.
    public func updateOutcomes(
        model: String,
        version: UInt32,
        since: Int64
    ) throws -> [(device: String, kind: String, ts: Int64)] {
        try database.read { connection in
            try connection.query(
                """
                SELECT device, kind, ts FROM events
                WHERE message = ?1 AND ts >= ?2
                    AND kind IN ('update.committed', 'update.rolled_back', 'update.rejected')
                ORDER BY ts
                """,
                .text("\(model)@\(version)"),
                .integer(since)
            ).map { (try $0[0].string ?? "", try $0[1].string ?? "", try $0[2].int64 ?? 0) }
        }
    }
}

extension RolloutController {
    /// Completed or aborted.
    public var isFinished: Bool {
        switch status {
        case .completed, .aborted: return true
        case .updating, .soaking: return false
        }
    }

    /// Aborted while devices were still updating: one that commits the aborted version afterwards must still be
    /// rolled back, so the runner keeps reading their outcomes.
    public var awaitsLateOutcomes: Bool {
        guard case .aborted = status else { return false }
        return devices.values.contains(.updating)
    }
}
