import Synchronization

/// The running rollout's ``QualityTally`` per device, kept between rounds so that each round reads only the telemetry
/// stored since the last one. Only a cache: a restarted hub folds the stored telemetry in again and reaches the same
/// figures.
final class QualityTallies: Sendable {
    /// How far before the rollout's start the previous version's predictions count for the accuracy baseline, ms.
    static let baselineLookbackMs: Int64 = 3_600_000
    /// Records read per query.
    static let pageRecords = 5_000

    private let tallies = Mutex<[String: QualityTally]>([:])

    /// `device`'s figures in rollout `rollout`, after folding in what `store` holds beyond the last round's.
    /// - Throws: `SQLiteError`, `WireError` from the store.
    func report(
        rollout: StoredRollout,
        device: String,
        committedMs: Int64,
        store: HubStore
    ) throws -> QualityReport {
        let key = "\(rollout.id)/\(device)"
        let plan = rollout.controller.plan
        var tally =
            tallies.withLock { $0[key] }
            ?? QualityTally(
                model: plan.model,
                version: plan.version,
                previousVersion: rollout.controller.previous[device],
                committedMs: committedMs
            )
        while true {
            let records = try store.telemetry(
                device: device,
                after: tally.lastSeq,
                since: rollout.startedMs - Self.baselineLookbackMs,
                limit: Self.pageRecords
            )
            for record in records { tally.add(record) }
            if records.count < Self.pageRecords { break }
        }
        tallies.withLock { $0[key] = tally }
        return tally.report
    }
}
