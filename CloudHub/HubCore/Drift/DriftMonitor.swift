import DriftStatistics
import Logging
import Synchronization
import UpdateSigning
import WireProtocol

/// The hub's drift monitor: validates feature telemetry as it is ingested, stores the devices' interval summaries,
/// and at each evaluation merges the summaries of the window per device and for the fleet of every model version,
/// compares them with the model's reference (``DriftEvaluator``), keeps each scope's persistence state, and applies
/// the policy (an audit-log request for retraining or a federated round) when a fleet drift lasts.
///
/// The clock is the caller's: ``evaluate(nowMs:)`` takes the time, so tests drive it interval by interval.
public final class DriftMonitor: Sendable {
    let store: HubStore
    let settings: DriftSettings
    let logger: Logger
    /// Signs versions the `retrain` policy registers.
    let signer: SigningKeyPair?
    /// References by `name@version`; nil records a version without one (or whose artifact is unusable).
    private let references = Mutex<[String: ModelDriftReference?]>([:])
    /// Complete device baselines by `name@version` and device (summaries of past intervals do not change).
    private let baselines = Mutex<[String: [String: Comparison]]>([:])
    /// Devices seen sending raw feature vectors since the hub started: only theirs are looked up for exact tests.
    private let rawSenders = Mutex<Set<String>>([])

    /// A monitor over `store`; `signer` signs the versions the `retrain` policy registers.
    public init(store: HubStore, settings: DriftSettings, logger: Logger, signer: SigningKeyPair? = nil) {
        self.store = store
        self.settings = settings
        self.logger = logger
        self.signer = signer
    }

    /// The scope of the whole fleet in reports and states.
    public static let fleetScope = "fleet"

    /// A change of a scope's flag, published and logged.
    public struct Event: Sendable, Equatable, Codable {
        /// Schema version of the JSON form.
        public var v = 1
        /// `fleet` or a device id.
        public var scope: String
        /// Model name.
        public var model: String
        /// Model version.
        public var version: UInt32
        /// `drift` when the scope became flagged, `cleared` when it stopped being drifted.
        public var state: String
        /// Share of drifted features at this evaluation.
        public var share: Double
        /// Names of the drifted features.
        public var features: [String]
        /// Evaluation time, unix milliseconds.
        public var ts: Int64
    }

    /// What one evaluation found.
    public struct Evaluation: Sendable {
        /// Every scope of every model version with summaries in the window.
        public var reports: [DriftScopeReport]
        /// Flag changes.
        public var events: [Event]
        /// Policy requests written to the audit log.
        public var requests: [RegistryAuditEntry]
    }

    /// Validates feature telemetry (raw vectors against the device's current model, summaries against theirs) and
    /// stores the summaries. Errors are logged, never thrown: monitoring must not stop ingestion.
    public func ingest(_ batches: [TelemetryBatch]) {
        var summaries: [(device: DeviceID, record: DriftSummaryRecord)] = []
        var validation: [DriftValidationKey: DriftValidationCounts] = [:]
        var senders: Set<String> = []
        for batch in batches {
            var deviceModel: ModelReference??
            for record in batch.records {
                switch record.payload {
                case .driftSummary(let summary):
                    summaries.append((batch.device, summary))
                    let key = DriftValidationKey(
                        device: batch.device.rawValue,
                        model: summary.model.name,
                        version: summary.model.version
                    )
                    validation[key, default: DriftValidationCounts()].add(
                        check(summary, against: reference(summary.model.name, summary.model.version))
                    )
                case .labelledFeatures:
                    senders.insert(batch.device.rawValue)
                case .featureSummary(let values):
                    senders.insert(batch.device.rawValue)
                    if deviceModel == nil { deviceModel = .some(currentModel(of: batch.device)) }
                    guard let model = deviceModel ?? nil else { continue }
                    let key = DriftValidationKey(
                        device: batch.device.rawValue,
                        model: model.name,
                        version: model.version
                    )
                    validation[key, default: DriftValidationCounts()].add(
                        check(values, against: reference(model.name, model.version))
                    )
                default:
                    continue
                }
            }
        }
        if !senders.isEmpty { rawSenders.withLock { $0.formUnion(senders) } }
        guard !summaries.isEmpty || !validation.isEmpty else { return }
        do {
            try store.recordDrift(summaries: summaries, validation: validation)
        } catch {
            logger.error("cannot store drift summaries", metadata: ["error": "\(error)"])
        }
    }

    /// Counts of one raw feature vector.
    func check(_ values: [Float], against reference: ModelDriftReference?) -> DriftValidationCounts {
        var counts = DriftValidationCounts(checked: UInt64(values.count))
        guard let reference else { return counts }
        guard values.count == reference.ranges.count else {
            counts.schemaErrors = 1
            return counts
        }
        for (value, range) in zip(values, reference.ranges) {
            let value = Double(value)
            guard value.isFinite else {
                counts.nonFinite += 1
                continue
            }
            let margin = settings.rangeMargin * (range.upperBound - range.lowerBound)
            if value < range.lowerBound - margin || value > range.upperBound + margin { counts.outOfRange += 1 }
        }
        return counts
    }

    /// Counts of one interval summary.
    func check(_ summary: DriftSummaryRecord, against reference: ModelDriftReference?) -> DriftValidationCounts {
        var counts = DriftValidationCounts()
        for feature in summary.features {
            counts.checked += feature.count + feature.nonFinite
            counts.nonFinite += feature.nonFinite
            counts.outOfRange += feature.counts[0] + feature.counts[feature.counts.count - 1]
        }
        guard let reference else { return counts }
        let matches =
            summary.features.count == reference.histograms.count
            && zip(summary.features, reference.histograms).allSatisfy { $0.binEdges == $1.binEdges }
        if !matches { counts.schemaErrors += 1 }
        return counts
    }

    /// Evaluates every model version with summaries in the window ending at `nowMs`, updates the persistence states,
    /// applies the policy and returns the reports, the flag changes and the requests made.
    /// - Throws: `SQLiteError` when the store fails.
    public func evaluate(nowMs: Int64) throws -> Evaluation {
        var evaluation = Evaluation(reports: [], events: [], requests: [])
        for (name, version) in try store.driftModels(fromMs: nowMs - settings.windowMs, toMs: nowMs) {
            var reports = try reports(model: name, version: version, nowMs: nowMs)
            var states = try store.driftStates(model: name, version: version)
            var audit: [RegistryAuditEntry] = []
            for index in reports.indices {
                let report = reports[index]
                var state = states[report.scope] ?? DriftScopeState()
                let wasFlagged = state.flaggedSinceMs != nil
                state.consecutive = report.drifted ? state.consecutive + 1 : 0
                if state.consecutive >= settings.persistence, state.flaggedSinceMs == nil {
                    state.flaggedSinceMs = nowMs
                }
                if state.consecutive == 0 {
                    state.flaggedSinceMs = nil
                    state.policyActed = false
                }
                let flagged = state.flaggedSinceMs != nil
                if flagged != wasFlagged {
                    evaluation.events.append(
                        Event(
                            scope: report.scope,
                            model: name,
                            version: version,
                            state: flagged ? "drift" : "cleared",
                            share: report.driftedShare,
                            features: report.features.filter(\.drifted).map(\.name),
                            ts: nowMs
                        )
                    )
                }
                if report.scope == Self.fleetScope, let since = state.flaggedSinceMs, !state.policyActed,
                    settings.policyAction != .none, nowMs - since >= settings.policyAfterMs
                {
                    state.policyActed = true
                    audit.append(act(on: report, flaggedSinceMs: since, nowMs: nowMs))
                }
                reports[index].consecutive = state.consecutive
                reports[index].flagged = flagged
                states[report.scope] = state
            }
            try store.saveDriftStates(states, model: name, version: version, audit: audit)
            evaluation.reports += reports
            evaluation.requests += audit
        }
        return evaluation
    }

    /// The reports of `model@version` over the window ending at `nowMs`, fleet first, without touching any state
    /// (`consecutive` 0, `flagged` false).
    /// - Throws: `SQLiteError` when the store fails.
    public func reports(model name: String, version: UInt32, nowMs: Int64) throws -> [DriftScopeReport] {
        guard let reference = reference(name, version) else { return [] }
        let rows = try store.driftSummaries(
            model: name,
            version: version,
            fromMs: nowMs - settings.windowMs,
            toMs: nowMs
        )
        var perDevice: [String: MergedSummaries] = [:]
        var fleet = MergedSummaries()
        for (device, record) in rows {
            guard perDevice[device, default: MergedSummaries()].merge(record, reference: reference) else { continue }
            _ = fleet.merge(record, reference: reference)
        }
        let validation = try store.driftValidation()
        let window = (start: nowMs - settings.windowMs, end: nowMs)
        var reports: [DriftScopeReport] = []
        let modelScope = Comparison(
            histograms: reference.histograms,
            classCounts: reference.classCounts,
            description: "model reference"
        )
        if let report = report(Self.fleetScope, fleet, reference, modelScope, name, version, window) {
            reports.append(report)
        }
        let deviceBaselines =
            settings.baseline == .device
            ? try baselines(model: name, version: version, devices: perDevice.keys, reference: reference) : [:]
        for (device, merged) in perDevice.sorted(by: { $0.key < $1.key }) {
            var comparison = modelScope
            if settings.baseline == .device {
                comparison =
                    deviceBaselines[device]
                    ?? Comparison(
                        histograms: [],
                        description: "baseline pending (needs \(settings.baselineIntervals) interval summaries)"
                    )
            }
            guard var report = report(device, merged, reference, comparison, name, version, window) else {
                continue
            }
            report.validation = validation[DriftValidationKey(device: device, model: name, version: version)]
            reports.append(report)
        }
        return reports
    }

    /// What a scope's features and predicted classes are compared with.
    private struct Comparison {
        var histograms: [ReferenceHistogram]
        /// Predictions (device baseline) or training samples (model reference) per class; nil when unknown.
        var classCounts: [UInt64]?
        var description: String
        /// The baseline's sensor-time span (device baselines), where its raw vectors are looked for.
        var span: (start: Int64, end: Int64)? = nil
    }

    /// The complete baselines of `devices` for `name@version` (the merged first ``DriftSettings/baselineIntervals``
    /// summaries of each; only those not yet cached are read); a device with fewer summaries has none yet. A feature a baseline counted nothing of is
    /// compared with the model's reference.
    private func baselines(
        model name: String,
        version: UInt32,
        devices: Dictionary<String, MergedSummaries>.Keys,
        reference: ModelDriftReference
    ) throws -> [String: Comparison] {
        let key = "\(name)@\(version)"
        var known = baselines.withLock { $0[key] ?? [:] }
        let pending = devices.filter { known[$0] == nil }
        guard !pending.isEmpty else { return known }
        var merged: [String: MergedSummaries] = [:]
        var spans: [String: (start: Int64, end: Int64)] = [:]
        for (device, record) in try store.driftBaselineSummaries(
            model: name,
            version: version,
            devices: pending,
            intervals: settings.baselineIntervals
        ) {
            _ = merged[device, default: MergedSummaries()].merge(record, reference: reference)
            let span = spans[device] ?? (record.intervalStartMs, record.intervalEndMs)
            spans[device] = (Swift.min(span.start, record.intervalStartMs), Swift.max(span.end, record.intervalEndMs))
        }
        for (device, summaries) in merged where summaries.records >= settings.baselineIntervals {
            guard let features = summaries.features else { continue }
            known[device] = Comparison(
                histograms: zip(reference.histograms, features).map { model, summary in
                    (try? ReferenceHistogram(name: model.name, baseline: summary)) ?? model
                },
                classCounts: summaries.classCounts,
                description: "device baseline (first \(settings.baselineIntervals) intervals)",
                span: spans[device]
            )
        }
        baselines.withLock { $0[key] = known }
        return known
    }

    /// Per feature, the raw values `device` recorded in its baseline's span and in the window, when it sent raw
    /// feature vectors in both (`telemetry.features: raw` or `labelled` on the edge); empty otherwise, and without
    /// a lookup for a device not seen sending any since the hub started.
    private func rawSamples(
        of device: String,
        _ comparison: Comparison,
        features: Int,
        _ window: (start: Int64, end: Int64)
    ) throws -> [RawSamples?] {
        guard let span = comparison.span, rawSenders.withLock({ $0.contains(device) }) else { return [] }
        let baseline = try store.rawFeatureVectors(device: device, fromMs: span.start, toMs: span.end, length: features)
        guard !baseline.isEmpty else { return [] }
        let current = try store.rawFeatureVectors(
            device: device,
            fromMs: window.start,
            toMs: window.end,
            length: features
        )
        guard !current.isEmpty else { return [] }
        return (0..<features).map { index in
            RawSamples(reference: baseline.map { Double($0[index]) }, current: current.map { Double($0[index]) })
        }
    }

    private func report(
        _ scope: String,
        _ merged: MergedSummaries,
        _ reference: ModelDriftReference,
        _ comparison: Comparison,
        _ name: String,
        _ version: UInt32,
        _ window: (start: Int64, end: Int64)
    ) -> DriftScopeReport? {
        guard let features = merged.features else { return nil }
        let verdict: DriftEvaluator.DatasetDrift
        do {
            let classCounts = comparison.classCounts.flatMap { counts in
                counts.count == merged.classCounts.count ? (reference: counts, current: merged.classCounts) : nil
            }
            // A device whose baseline is not complete has nothing to be compared with: listed, not judged.
            verdict = try DriftEvaluator.dataset(
                references: comparison.histograms,
                current: comparison.histograms.isEmpty ? [] : features,
                classes: classCounts,
                raw: try rawSamples(of: scope, comparison, features: features.count, window),
                thresholds: settings.thresholds
            )
        } catch {
            logger.error("drift evaluation failed", metadata: ["scope": "\(scope)", "error": "\(error)"])
            return nil
        }
        var classes = DriftScopeReport.ClassReport(labels: reference.labels, counts: merged.classCounts)
        if let tested = verdict.classes {
            classes.chiSquarePValue = tested.chiSquarePValue
            classes.jensenShannon = tested.jensenShannon
            classes.test = tested.test
            classes.drifted = tested.drifted
        }
        return DriftScopeReport(
            scope: scope,
            model: name,
            version: version,
            windowStartMs: window.start,
            windowEndMs: window.end,
            summaries: merged.records,
            comparedWith: comparison.description,
            features: verdict.features.map(DriftScopeReport.FeatureReport.init),
            driftedShare: verdict.driftedShare,
            drifted: verdict.drifted,
            consecutive: 0,
            flagged: false,
            classes: classes
        )
    }

    /// Applies the policy to a persisting fleet drift: `federated` starts a federated run of the model (FedAvg from
    /// its latest version, the plan's defaults) unless one is running; `retrain` trains the next version on the
    /// labelled vectors of the last `drift.policy.retrain_window` (``DriftRetraining``). Either way the audit entry
    /// says why, and what happened.
    private func act(on report: DriftScopeReport, flaggedSinceMs: Int64, nowMs: Int64) -> RegistryAuditEntry {
        let action = settings.policyAction == .retrain ? "drift.retrain" : "drift.federated_round_requested"
        let drifted = report.features.filter(\.drifted).map(\.name)
        var detail =
            "fleet drift flagged since \(flaggedSinceMs) (\((nowMs - flaggedSinceMs) / 1_000) s ≥ policy.after "
            + "\(settings.policyAfterMs / 1_000) s); drifted share \(report.driftedShare) ≥ \(settings.thresholds.driftShare); "
            + "features: \(drifted.joined(separator: ", "))"
        if settings.policyAction == .retrain {
            let retraining = DriftRetraining(minimumVectors: settings.retrainMinimumVectors, signer: signer)
            do {
                let outcome = try retraining.retrain(
                    report.model,
                    drifted: report.version,
                    sinceMs: nowMs - settings.retrainWindowMs,
                    store: store,
                    now: nowMs
                )
                detail +=
                    "; retrained as \(outcome.model.name)@\(outcome.model.version) on \(outcome.vectors) labelled "
                    + "vectors (dataset \(outcome.datasetHash.prefix(16))), int8 test accuracy "
                    + "\(outcome.accuracy); not rolled out"
            } catch {
                detail += "; not retrained: \(error)"
                logger.error("drift policy could not retrain", metadata: ["error": "\(error)"])
            }
        }
        if settings.policyAction == .federated {
            do {
                let run = try store.startFederatedRun(FederatedPlan(model: report.model), now: nowMs)
                detail += "; federated run \(run.id) started from \(report.model)@\(run.machine.baseVersion)"
            } catch {
                detail += "; federated run not started: \(error)"
                logger.error("drift policy could not start a federated run", metadata: ["error": "\(error)"])
            }
        }
        logger.warning(
            "drift policy acts",
            metadata: ["model": "\(report.model)@\(report.version)", "action": "\(action)"]
        )
        return RegistryAuditEntry(
            ts: nowMs,
            actor: "drift-monitor",
            action: action,
            name: report.model,
            version: report.version,
            detail: detail
        )
    }

    /// The reference of `name@version`, loaded once from the registry.
    func reference(_ name: String, _ version: UInt32) -> ModelDriftReference? {
        let key = "\(name)@\(version)"
        if let cached = references.withLock({ $0[key] }) { return cached }
        var loaded: ModelDriftReference?
        do {
            loaded = try ModelDriftReference(artifact: try store.artifact(name, version: version).bytes)
        } catch {
            logger.warning("no usable drift reference", metadata: ["model": "\(key)", "error": "\(error)"])
        }
        references.withLock { $0[key] = .some(loaded) }
        return loaded
    }

    /// The model the device last reported running, nil when unknown.
    private func currentModel(of device: DeviceID) -> ModelReference? {
        guard let text = (try? store.devices())?.first(where: { $0.device == device.rawValue })?.model,
            let at = text.lastIndex(of: "@"), let version = UInt32(text[text.index(after: at)...])
        else { return nil }
        return try? ModelReference(name: String(text[..<at]), version: version)
    }
}

/// Summaries of one scope merged over a window.
struct MergedSummaries {
    var features: [DistributionSummary]?
    var classCounts: [UInt64] = []
    var records = 0

    /// Merges `record` when its features match the reference's edges; false (and nothing merged) otherwise.
    mutating func merge(_ record: DriftSummaryRecord, reference: ModelDriftReference) -> Bool {
        guard record.features.count == reference.histograms.count,
            zip(record.features, reference.histograms).allSatisfy({ $0.binEdges == $1.binEdges })
        else { return false }
        if var merged = features {
            for index in merged.indices { try? merged[index].merge(record.features[index]) }
            features = merged
        } else {
            features = record.features
        }
        if classCounts.count < record.classCounts.count {
            classCounts += [UInt64](repeating: 0, count: record.classCounts.count - classCounts.count)
        }
        for (index, count) in record.classCounts.enumerated() { classCounts[index] += count }
        records += 1
        return true
    }
}

extension DriftMonitor {
    /// The reports `hub drift report` shows: every model version (or those named `model`) with summaries in the
    /// window ending at `nowMs`, the fleet and every device (or only `device`), with the persistence state the last
    /// evaluation of `hub serve` saved.
    /// - Throws: `SQLiteError` when the store fails.
    public func report(device: String?, model: String?, nowMs: Int64) throws -> [DriftScopeReport] {
        var result: [DriftScopeReport] = []
        for (name, version) in try store.driftModels(fromMs: nowMs - settings.windowMs, toMs: nowMs)
        where model == nil || model == name {
            let states = try store.driftStates(model: name, version: version)
            for var report in try reports(model: name, version: version, nowMs: nowMs)
            where device == nil || report.scope == device || report.scope == Self.fleetScope {
                report.consecutive = states[report.scope]?.consecutive ?? 0
                report.flagged = states[report.scope]?.flaggedSinceMs != nil
                result.append(report)
            }
        }
        return result
    }
}
