/// The pure state machine of a federated run: events in (ticks of an injected clock with the online devices and the
/// updates received so far, aggregation outcomes), actions out (rounds to announce, rounds to aggregate, the end).
/// No I/O, no clock; its whole state is `Codable`, so the hub keeps it in SQLite and a restarted hub carries on.
///
/// A round selects `max(minClients, ⌈fraction · eligible⌉)` of the eligible online devices (a seeded shuffle, so the
/// same run selects the same devices) once at least `minClients` are online, and collects until every selected device
/// sent its update or the deadline passed. It then aggregates with at least `minClients` updates, or is announced
/// again to a new selection (a new round id) up to `maxRetries` times, after which the run fails.
public struct FederatedRunMachine: Sendable, Hashable, Codable {
    /// Where the run stands.
    public enum Status: Sendable, Hashable, Codable {
        /// Waiting for enough online devices to start round `round` (1-based).
        case waiting(round: Int)
        /// Round `round` (id `id`, attempt from 0) collects updates from `devices` until `deadlineMs`.
        case collecting(round: Int, id: UInt64, attempt: Int, devices: [String], deadlineMs: Int64)
        /// Round `round` (id `id`) is being aggregated from `participants`' updates.
        case aggregating(round: Int, id: UInt64, attempt: Int, participants: [String])
        /// Every round completed; `version` is the last one registered.
        case completed(version: UInt32)
        /// Stopped: `reason` says why.
        case failed(reason: String)
    }

    /// Something that happened.
    public enum Event: Sendable, Hashable {
        /// Time passed: the eligible online devices and the devices whose update for the current round arrived in
        /// time.
        case tick(now: Int64, online: [String], received: Set<String>)
        /// The current round's model was registered as `version` with held-out `accuracy`.
        case aggregated(version: UInt32, accuracy: Double)
        /// Aggregating the current round failed.
        case aggregationFailed(reason: String)
        /// An operator stopped the run.
        case abort(reason: String)
    }

    /// Something to do.
    public enum Action: Sendable, Hashable {
        /// Publish round `id` (number `round`) from `baseVersion` to `devices`, collecting until `deadlineMs`.
        case announce(round: Int, id: UInt64, baseVersion: UInt32, devices: [String], deadlineMs: Int64)
        /// Aggregate round `id` from `participants`' updates onto `baseVersion`.
        case aggregate(round: Int, id: UInt64, baseVersion: UInt32, participants: [String])
        /// The run ended: clear the retained round announcement.
        case retract
        /// Roll `version` out (the plan asked for it).
        case rollout(version: UInt32)
    }

    /// One closed round, for `hub fl status`.
    public struct RoundRecord: Sendable, Hashable, Codable {
        /// 1-based round number.
        public var round: Int
        /// Round id of the attempt that closed.
        public var id: UInt64
        /// Attempts it took (1: no retry).
        public var attempts: Int
        /// Devices selected in the closing attempt.
        public var selected: Int
        /// Devices whose update was aggregated.
        public var participants: [String]
        /// Version registered.
        public var version: UInt32
        /// Held-out accuracy of the float model.
        public var accuracy: Double
    }

    /// The plan.
    public let plan: FederatedPlan
    /// Id of the first round; later attempts and rounds count up from it.
    public let firstRoundID: UInt64
    /// The version the next round starts from.
    public private(set) var baseVersion: UInt32
    /// The run's status.
    public private(set) var status: Status
    /// Closed rounds, in order.
    public private(set) var history: [RoundRecord] = []
    /// Rounds announced so far, retries included.
    public private(set) var announced: UInt64 = 0

    /// A run of `plan` from `baseVersion`, its round ids starting at `firstRoundID` (≥ 1).
    public init(plan: FederatedPlan, baseVersion: UInt32, firstRoundID: UInt64) {
        self.plan = plan
        self.baseVersion = baseVersion
        self.firstRoundID = max(1, firstRoundID)
        status = .waiting(round: 1)
    }

    /// Whether the run ended.
    public var isFinished: Bool {
        switch status {
        case .completed, .failed: true
        default: false
        }
    }

    /// The id of the round being collected or aggregated, nil otherwise.
    public var currentRoundID: UInt64? {
        switch status {
        case .collecting(_, let id, _, _, _), .aggregating(_, let id, _, _): id
        default: nil
        }
    }

    /// Feeds `event`; returns what to do.
    public mutating func handle(_ event: Event) -> [Action] {
        switch (status, event) {
        case (.completed, _), (.failed, _):
            return []
        case (_, .abort(let reason)):
            status = .failed(reason: "aborted: \(reason)")
            return [.retract]
        case (.waiting(let round), .tick(let now, let online, _)):
            return announce(round: round, attempt: 0, now: now, online: online)
        case (
            .collecting(let round, let id, let attempt, let devices, let deadline),
            .tick(let now, let online, let received)
        ):
            let arrived = devices.filter(received.contains)
            if arrived.count == devices.count || (now >= deadline && arrived.count >= plan.minClients) {
                status = .aggregating(round: round, id: id, attempt: attempt, participants: arrived)
                return [.aggregate(round: round, id: id, baseVersion: baseVersion, participants: arrived)]
            }
            guard now >= deadline else { return [] }
            guard attempt < plan.maxRetries else {
                status = .failed(
                    reason: "round \(round): \(arrived.count) of \(devices.count) updates by the deadline, "
                        + "\(plan.minClients) needed, after \(attempt + 1) attempts"
                )
                return [.retract]
            }
            return announce(round: round, attempt: attempt + 1, now: now, online: online)
        case (.aggregating(let round, let id, _, let participants), .tick):
            // A restarted hub finds the round half done: aggregate again (nothing was registered, or the runner
            // reports the version it finds).
            return [.aggregate(round: round, id: id, baseVersion: baseVersion, participants: participants)]
        case (.aggregating(let round, let id, let attempt, let participants), .aggregated(let version, let accuracy)):
            history.append(
                RoundRecord(
                    round: round,
                    id: id,
                    attempts: attempt + 1,
                    selected: lastSelected,
                    participants: participants,
                    version: version,
                    accuracy: accuracy
                )
            )
            baseVersion = version
            guard round < plan.rounds else {
                status = .completed(version: version)
                return [.retract] + (plan.rollout ? [.rollout(version: version)] : [])
            }
            status = .waiting(round: round + 1)
            return []
        case (.aggregating(let round, _, _, _), .aggregationFailed(let reason)):
            status = .failed(reason: "round \(round): \(reason)")
            return [.retract]
        default:
            return []
        }
    }

    /// Devices selected in the latest attempt (recorded in the history).
    private var lastSelected = 0

    /// Selects devices and announces round `round` when enough are online; waits otherwise.
    private mutating func announce(round: Int, attempt: Int, now: Int64, online: [String]) -> [Action] {
        let eligible = Array(Set(online)).sorted()
        guard eligible.count >= plan.minClients else {
            // A retry with too few devices online waits for them, keeping its attempt count.
            status = attempt == 0 ? .waiting(round: round) : status
            return []
        }
        let id = firstRoundID + announced
        announced += 1
        let wanted = max(plan.minClients, Int((plan.fraction * Double(eligible.count)).rounded(.up)))
        var random = SelectionRandom(seed: plan.seed ^ id)
        let devices = Array(eligible.shuffled(using: &random).prefix(wanted)).sorted()
        lastSelected = devices.count
        let deadline = now + plan.deadlineMs
        status = .collecting(round: round, id: id, attempt: attempt, devices: devices, deadlineMs: deadline)
        return [.announce(round: round, id: id, baseVersion: baseVersion, devices: devices, deadlineMs: deadline)]
    }
}

/// SplitMix64: the device selection's seeded generator, the same sequence for a seed on every platform.
struct SelectionRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
