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
        // Drift starts with interval 3, evaluated at index 3: with persistence 3 every drifting device is flagged by
        // the evaluation of interval 3 + 2 + 2 (two intervals of ramp for the shift to reach 1 σ, two more to persist).
        #expect(Set(firstFlagged.keys) == driftingIDs)
        #expect(firstFlagged.values.allSatisfy { $0 <= 3 + 4 }, "\(firstFlagged)")
        #expect(cleanAlarms == 0, "false alarms: \(cleanAlarms) of \(cleanEvaluations) clean device evaluations")
        let flaggedEvents = evaluations.flatMap(\.events).filter { $0.state == "drift" && $0.scope != "fleet" }
        #expect(Set(flaggedEvents.map(\.scope)) == driftingIDs)
    }

    @Test func policyRecordsARetrainingRequestWhenTheFleetStaysDrifted() throws {
        let directory = try TemporaryDirectory(prefix: "drift-policy")
        defer { directory.remove() }
        var fleet = DriftFleet(devices: 6, drifting: Set(0..<6), intervals: 10, driftStart: 1, ramp: 1)
        fleet.settings.policyAction = .retrain
        fleet.settings.policyAfterMs = 120_000
        let (evaluations, store) = try fleet.run(in: directory)
        let requests = evaluations.flatMap(\.requests)
        #expect(requests.count == 1)
        #expect(requests.first?.action == "drift.retrain_requested")
        let audit = try store.auditLog(of: "bearing").filter { $0.action == "drift.retrain_requested" }
        #expect(audit.count == 1)
        #expect(audit.first?.detail.contains("fleet drift flagged since") == true)
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
