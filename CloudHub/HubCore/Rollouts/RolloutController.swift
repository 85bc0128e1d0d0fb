/// The pure state machine of a staged rollout: events in (update outcomes reported by devices, health verdicts,
/// ticks of an injected clock), actions out (desired states to write, rollbacks to send). No I/O, no clock; its whole
/// state is `Codable`, so the hub keeps it in SQLite and a restarted hub carries on.
///
/// A wave starts by setting the new version as every device's desired model. It passes when every device reported
/// and the failure rate (within the wave, and over all devices so far) is within the plan's limit, then stays healthy
/// for the plan's healthy time. While it updates and soaks, the quality gates judge the figures its updated devices
/// report together (``QualityReport``): errors per prediction since the update, accuracy on labelled predictions, and
/// its drop from the previous version on the same devices; ahead of the healthy time's end only once there are
/// `minGateSamples`, at its end on whatever arrived. A breach at any point aborts: every device that runs the new
/// version is rolled back, devices not yet updated get their previous version as desired again.
public struct RolloutController: Sendable, Hashable, Codable {
    /// Where one device stands.
    public enum DeviceState: String, Sendable, Hashable, Codable {
        /// Not in a started wave yet.
        case waiting
        /// Desired state set, no outcome yet.
        case updating
        /// Committed the new version.
        case updated
        /// Refused or rolled back the new version by itself.
        case failed
        /// Committed the new version, then turned unhealthy: a failure that still runs the new version.
        case unhealthy
        /// Rolled back by the rollout's abort.
        case rolledBack
    }

    /// Where the rollout stands.
    public enum Status: Sendable, Hashable, Codable {
        /// Wave `wave` is updating.
        case updating(wave: Int)
        /// Wave `wave` finished and must stay healthy until `until` (unix ms).
        case soaking(wave: Int, until: Int64)
        /// Every wave passed.
        case completed
        /// Stopped by a breach or an operator; `reason` says which.
        case aborted(reason: String)
    }

    /// Something that happened.
    public enum Event: Sendable, Hashable {
        /// Starts the first wave at `now`.
        case start(now: Int64)
        /// A device committed the new version.
        case committed(device: String)
        /// A device refused it or rolled it back by itself (failed health check).
        case failed(device: String, reason: String)
        /// A device that committed is unhealthy (offline, inference latency).
        case unhealthy(device: String, reason: String)
        /// A device's latest quality figures (its whole tally so far, not an increment).
        case quality(device: String, QualityReport)
        /// Time passed.
        case tick(now: Int64)
        /// An operator aborted.
        case abort(reason: String)
    }

    /// Something to do.
    public enum Action: Sendable, Hashable {
        /// Make `version` of the plan's model the desired one of `device`.
        case setDesired(device: String, version: UInt32)
        /// Switch `device` back to its previous slot (`model.rollback`) and make `version` its desired one again.
        case rollBack(device: String, version: UInt32)
    }

    /// The plan.
    public let plan: RolloutPlan
    /// The waves' devices.
    public let waves: [[String]]
    /// Each device's version before the rollout, nil for none.
    public let previous: [String: UInt32]
    /// Each device's state.
    public private(set) var devices: [String: DeviceState]
    /// The rollout's status.
    public private(set) var status: Status
    /// When the current wave started, unix ms.
    public private(set) var waveStartedMs: Int64 = 0
    /// The latest quality figures of each updated device.
    public private(set) var quality: [String: QualityReport] = [:]

    /// A rollout of `plan` over `fleet` (device → its current version of the model, nil for none), not started.
    /// - Throws: `RolloutError` `.noDevices` for an empty fleet.
    public init(plan: RolloutPlan, fleet: [String: UInt32?]) throws(RolloutError) {
        guard !fleet.isEmpty else { throw RolloutError(.noDevices, "no devices to roll \(plan.model) out to") }
        self.plan = plan
        waves = plan.partition(fleet.keys.sorted())
        previous = fleet.compactMapValues { $0 }
        devices = Dictionary(uniqueKeysWithValues: fleet.keys.map { ($0, DeviceState.waiting) })
        status = .updating(wave: -1)
    }

    /// Takes `event` and returns what to do.
    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .start(let now):
            guard status == .updating(wave: -1) else { return [] }
            return startWave(0, now: now)
        case .committed(let device):
            guard devices[device] == .updating else { return [] }
            devices[device] = .updated
            // A device that committed after the abort goes back as well.
            if case .aborted = status { return rollBack(device) }
            return []
        case .failed(let device, let reason):
            guard devices[device] == .updating else { return [] }
            devices[device] = .failed
            return checkFailures(because: "\(device): \(reason)")
        case .unhealthy(let device, let reason):
            guard devices[device] == .updated else { return [] }
            devices[device] = .unhealthy
            return checkFailures(because: "\(device) unhealthy: \(reason)")
        case .quality(let device, let report):
            guard devices[device] == .updated || devices[device] == .unhealthy else { return [] }
            quality[device] = report
            return []
        case .tick(let now):
            return advance(now: now)
        case .abort(let reason):
            return abort(reason)
        }
    }

    /// Devices per state, for status output.
    public var counts: [DeviceState: Int] {
        devices.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    private mutating func startWave(_ index: Int, now: Int64) -> [Action] {
        guard index < waves.count else {
            status = .completed
            return []
        }
        status = .updating(wave: index)
        waveStartedMs = now
        return waves[index].map { device in
            devices[device] = .updating
            return .setDesired(device: device, version: plan.version)
        }
    }

    private func rate(_ members: [String]) -> (failed: Int, decided: Int) {
        members.reduce(into: (0, 0)) { total, device in
            switch devices[device] {
            case .failed, .unhealthy: total = (total.0 + 1, total.1 + 1)
            case .updated: total.1 += 1
            default: break
            }
        }
    }

    private mutating func checkFailures(because reason: String) -> [Action] {
        guard let index = status.wave, index >= 0 else { return [] }
        // The limit is on the wave's size, so a wave aborts as soon as the breach is certain, not at its end.
        let wave = waves[index]
        guard Double(rate(wave).failed) > plan.maxFailureRate * Double(wave.count) else { return [] }
        return abort("failure rate above \(plan.maxFailureRate) in wave \(index + 1) (\(reason))")
    }

    private mutating func advance(now: Int64) -> [Action] {
        switch status {
        case .updating(let index) where index >= 0:
            let wave = waves[index]
            if now >= waveStartedMs + plan.waveTimeoutMs {
                // No answer in time counts as a failure (AWS IoT Jobs' timeout): a lost device cannot stall a wave.
                let silent = wave.filter { devices[$0] == .updating }
                for device in silent { devices[device] = .failed }
                if !silent.isEmpty {
                    let actions = checkFailures(because: "\(silent.count) devices did not report in time")
                    if !actions.isEmpty { return actions }
                }
            }
            if let breach = gateBreach(wave: index, final: false) { return abort(breach) }
            guard rate(wave).decided == wave.count else { return [] }
            let everyone = rate(Array(waves[...index].joined()))
            guard Double(everyone.failed) <= plan.maxFailureRate * Double(everyone.decided) else {
                return abort("failure rate above \(plan.maxFailureRate) over waves 1...\(index + 1)")
            }
            status = .soaking(wave: index, until: now + plan.minHealthyMs)
            return advance(now: now)
        case .soaking(let index, let until):
            if let breach = gateBreach(wave: index, final: now >= until) { return abort(breach) }
            return now >= until ? startWave(index + 1, now: now) : []
        default:
            return []
        }
    }

    /// The pooled figures of wave `index`'s updated devices: the new version's, and the previous version's on those
    /// of them that have labelled predictions of both (the accuracy baseline).
    public func reading(wave index: Int) -> GateReading {
        guard waves.indices.contains(index) else { return GateReading(updated: DeviceQuality(), baseline: nil) }
        let reports = waves[index].compactMap { device -> QualityReport? in
            devices[device] == .updated || devices[device] == .unhealthy ? quality[device] : nil
        }
        let updated = reports.map(\.updated).reduce(DeviceQuality(), +)
        let compared = reports.filter { $0.updated.labelled > 0 && $0.previous.labelled > 0 }
        return GateReading(
            updated: updated,
            baseline: compared.isEmpty
                ? nil
                : (
                    compared.map(\.updated).reduce(DeviceQuality(), +),
                    compared.map(\.previous).reduce(DeviceQuality(), +)
                )
        )
    }

    /// Why wave `index` fails a quality gate, nil when it does not (yet). Before the `final` judgement a gate needs
    /// the plan's minimum of samples.
    private func gateBreach(wave index: Int, final: Bool) -> String? {
        let reading = reading(wave: index)
        let figures = reading.updated
        let enough = { (count: Int) in count > 0 && (final || count >= plan.minGateSamples) }
        if let bound = plan.maxErrorRate, enough(figures.predictions + figures.errors),
            let rate = figures.errorRate, rate > bound
        {
            return "error rate \(figures.errors)/\(figures.predictions) above \(bound) in wave \(index + 1)"
        }
        if let bound = plan.minAccuracy, enough(figures.labelled), let accuracy = figures.accuracy, accuracy < bound {
            return "accuracy \(figures.correct)/\(figures.labelled) below \(bound) in wave \(index + 1)"
        }
        if let bound = plan.maxAccuracyDrop, let (updated, previous) = reading.baseline, enough(updated.labelled),
            let now = updated.accuracy, let before = previous.accuracy, before - now > bound
        {
            return "accuracy \(updated.correct)/\(updated.labelled) dropped more than \(bound) from "
                + "\(previous.correct)/\(previous.labelled) of the previous version in wave \(index + 1)"
        }
        return nil
    }

    private mutating func abort(_ reason: String) -> [Action] {
        switch status {
        case .aborted, .completed: return []
        default: break
        }
        status = .aborted(reason: reason)
        return devices.keys.sorted().flatMap { device -> [Action] in
            switch devices[device] {
            case .updated, .unhealthy: return rollBack(device)
            case .updating:
                // Not committed yet: asking for the previous version again stops the download.
                return previous[device].map { [.setDesired(device: device, version: $0)] } ?? []
            default: return []
            }
        }
    }

    private mutating func rollBack(_ device: String) -> [Action] {
        guard let version = previous[device] else { return [] }
        devices[device] = .rolledBack
        return [.rollBack(device: device, version: version)]
    }
}

/// A wave's pooled quality figures, for the gates and `hub rollout status`.
public struct GateReading: Sendable {
    /// The new version's figures over the wave's updated devices.
    public var updated: DeviceQuality
    /// On the devices with labelled predictions of both versions: the new version's figures and the previous one's;
    /// nil when no device has both.
    public var baseline: (updated: DeviceQuality, previous: DeviceQuality)?
}

extension RolloutController.Status {
    /// The wave index while updating or soaking.
    var wave: Int? {
        switch self {
        case .updating(let wave), .soaking(let wave, _): return wave
        case .completed, .aborted: return nil
        }
    }
}

extension RolloutController {
    /// Decodes a stored controller; one stored before the quality gates existed has no figures yet.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        plan = try container.decode(RolloutPlan.self, forKey: .plan)
        waves = try container.decode([[String]].self, forKey: .waves)
        previous = try container.decode([String: UInt32].self, forKey: .previous)
        devices = try container.decode([String: DeviceState].self, forKey: .devices)
        status = try container.decode(Status.self, forKey: .status)
        waveStartedMs = try container.decode(Int64.self, forKey: .waveStartedMs)
        quality = try container.decodeIfPresent([String: QualityReport].self, forKey: .quality) ?? [:]
    }
}
