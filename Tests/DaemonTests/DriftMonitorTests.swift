import HubCore
import TestSupport
import Testing
import WireProtocol

/// The hub's drift monitor over a fleet driven through the edge summarizer (``DriftFleet``): who is flagged, when,
/// and what the policy records.
@Suite struct DriftMonitorTests {
    /// 200 devices, every tenth drifting gradually from interval 3 over 3 intervals to 1.5 σ; persistence 3.
    @Test func gradualDriftIsFlaggedOnExactlyTheDriftingDevicesWithNoFalseAlarm() throws {
        let directory = try TemporaryDirectory(prefix: "drift-fleet")
        defer { directory.remove() }
        let drifting = Set(stride(from: 0, to: 200, by: 10))
        let fleet = DriftFleet(devices: 200, drifting: drifting, intervals: 12)
        let (evaluations, _) = try fleet.run(in: directory)
        var firstFlagged: [String: Int] = [:]
        var cleanAlarms = 0
        var cleanEvaluations = 0
        let driftingIDs = Set(try drifting.map { try DriftFleet.device($0).rawValue })
        for (index, evaluation) in evaluations.enumerated() {
            for report in evaluation.reports where report.scope != DriftMonitor.fleetScope {
                if driftingIDs.contains(report.scope) {
                    if report.flagged, firstFlagged[report.scope] == nil { firstFlagged[report.scope] = index }
                } else {
                    cleanEvaluations += 1
                    if report.drifted || report.flagged { cleanAlarms += 1 }
                }
            }
        }
        // Evaluation i sees intervals up to i. Drift starts with interval 3; a window reaches drift.min_count (500
        // values) with interval 4, and persistence 3 flags from evaluation 6: within 4 intervals of the onset (measured:
        // every drifting device at 6). 180 clean devices × 12 evaluations: no drifted verdict at all.
        #expect(Set(firstFlagged.keys) == driftingIDs)
        #expect(firstFlagged.values.allSatisfy { $0 <= 3 + 3 }, "\(firstFlagged)")
        #expect(cleanEvaluations == 180 * 12)
        #expect(cleanAlarms == 0, "false alarms: \(cleanAlarms) of \(cleanEvaluations) clean device evaluations")
        let flaggedEvents = evaluations.flatMap(\.events).filter { $0.state == "drift" && $0.scope != "fleet" }
        #expect(Set(flaggedEvents.map(\.scope)) == driftingIDs)
    }

    @Test func theRetrainPolicyActsOnceWhenTheFleetStaysDriftedAndSaysWhy() throws {
        let directory = try TemporaryDirectory(prefix: "drift-policy")
        defer { directory.remove() }
        var fleet = DriftFleet(devices: 6, drifting: Set(0..<6), intervals: 10, driftStart: 1, ramp: 1)
        fleet.settings.policyAction = .retrain
        fleet.settings.policyAfterMs = 120_000
        let (evaluations, store) = try fleet.run(in: directory)
        let requests = evaluations.flatMap(\.requests)
        #expect(requests.count == 1)
        #expect(requests.first?.action == "drift.retrain")
        let audit = try store.auditLog(of: "bearing").filter { $0.action == "drift.retrain" }
        #expect(audit.count == 1)
        // The why, and the outcome: this model has no feature pipeline to collect vectors of.
        #expect(audit.first?.detail.contains("fleet drift flagged since") == true)
        #expect(audit.first?.detail.contains("not retrained: bearing@1 has no feature pipeline") == true)
        // What `hub drift report` prints from the saved states.
        let monitor = DriftMonitor(store: store, settings: fleet.settings, logger: .init(label: "test"))
        let device = try DriftFleet.device(2).rawValue
        let reports = try monitor.report(device: device, model: "bearing", nowMs: 10 * DriftFleet.intervalMs + 1)
        #expect(reports.map(\.scope) == [DriftMonitor.fleetScope, device])
        #expect(reports.allSatisfy { $0.flagged && $0.consecutive >= 3 })
        let text = DriftReportTable(reports).render()
        #expect(text.contains("FLAGGED") && text.contains("wasserstein") && text.contains("crest"))
    }

    @Test(arguments: [true, false])
    func theFederatedPolicyStartsARunWhenTheModelHasFloatWeights(_ weights: Bool) throws {
        let directory = try TemporaryDirectory(prefix: "drift-federated")
        defer { directory.remove() }
        var fleet = DriftFleet(devices: 6, drifting: Set(0..<6), intervals: 10, driftStart: 1, ramp: 1)
        fleet.settings.policyAction = .federated
        fleet.settings.policyAfterMs = 120_000
        fleet.keepsFloatWeights = weights
        let (evaluations, store) = try fleet.run(in: directory)
        #expect(evaluations.flatMap(\.requests).map(\.action) == ["drift.federated_round_requested"])
        let detail = try store.auditLog(of: "bearing").first { $0.action == "drift.federated_round_requested" }?.detail
        let run = try store.currentFederatedRun()
        if weights {
            #expect(run?.machine.plan.model == "bearing" && run?.machine.baseVersion == 1)
            #expect(detail?.contains("federated run \(run?.id ?? -1) started from bearing@1") == true)
        } else {
            #expect(run == nil)
            #expect(detail?.contains("federated run not started") == true, "\(detail ?? "no audit entry")")
        }
    }

    @Test func aFlaggedDeviceEventNamesItsDriftedFeatures() throws {
        let directory = try TemporaryDirectory(prefix: "drift-event")
        defer { directory.remove() }
        var fleet = DriftFleet(devices: 4, drifting: [0], intervals: 6, driftStart: 1, ramp: 1)
        fleet.settings.windowMs = 60_000
        fleet.settings.thresholds.minimumCount = 100
        fleet.shift = 3
        let (flagged, _) = try fleet.run(in: directory)
        let events = flagged.flatMap(\.events).filter { $0.scope == (try? DriftFleet.device(0).rawValue) }
        #expect(events.first?.state == "drift")
        #expect(events.first?.features.count == DriftFleet.featureNames.count)
    }

    @Test func validationCountsSchemaErrorsAndOutOfRangeValues() throws {
        let directory = try TemporaryDirectory(prefix: "drift-validation")
        defer { directory.remove() }
        let (_, store) = try DriftFleet(devices: 2, drifting: [1], intervals: 2, driftStart: 0, ramp: 1, shift: 10)
            .run(in: directory)
        let device = try DriftFleet.device(1)
        let status = try DeviceStatus(
            device: device,
            seq: 1_000,
            ts: 1,
            state: .online,
            runtimeVersion: "1",
            activeModel: ModelReference(name: "bearing", version: 1)
        )
        let vectors = try TelemetryBatch(
            device: device,
            records: [
                TelemetryRecord(seq: 1_001, ts: 1, payload: .featureSummary([0, 0, 0])),
                TelemetryRecord(seq: 1_002, ts: 1, payload: .featureSummary([0, 100, 0, -100])),
            ]
        )
        try store.record(statuses: [status], events: [], telemetry: [vectors], receivedAt: 1)
        let monitor = DriftMonitor(store: store, settings: DriftSettings(), logger: .init(label: "test"))
        monitor.ingest([vectors])
        let counts = try #require(
            try store.driftValidation()[.init(device: device.rawValue, model: "bearing", version: 1)]
        )
        #expect(counts.schemaErrors == 1)
        // 120 summarised values per feature shifted by 10 σ lie past the reference's range, plus the two raw ones.
        #expect(counts.outOfRange >= 2 * 120 * 4 + 2)
    }
}
