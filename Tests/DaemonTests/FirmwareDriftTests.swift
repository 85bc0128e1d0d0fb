import Foundation
import HubCore
import TestSupport
import Testing

/// Drift monitoring end to end on firmware-sim data (``FirmwareDriftFleet``): 200 simulated machines, the last 20
/// of which see their vibration sensor drift gradually; every device compared with its own baseline, exactly on raw
/// samples for the two that send them.
///
/// By default the scenario runs compressed: intervals of 10 s, a 60 s window (`drift.min_count` 300: a window holds
/// ~470 vectors), drift from 60 s (interval 6) ramping to gain × 1.6 over 120 s, 24 intervals. With
/// `FIRMWARE_DRIFT_TIMING=full` it runs as `firmware-sim/scenarios/drift-10pct.yaml` under the hub's defaults: 60 s
/// intervals, a 10 min window, `drift.min_count` 500, drift from 300 s ramping over 600 s, 30 intervals (~10 min of
/// debug-build time). Both: baselines of the first 5 intervals, persistence 3.
@Suite struct FirmwareDriftTests {
    @Test func gradualSensorDriftIsFlaggedOnExactlyTheDriftingMachines() throws {
        let directory = try TemporaryDirectory(prefix: "firmware-drift")
        defer { directory.remove() }
        var fleet = FirmwareDriftFleet()
        var maxDelay = 7
        if ProcessInfo.processInfo.environment["FIRMWARE_DRIFT_TIMING"] == "full" {
            fleet.intervalSeconds = 60
            fleet.driftStart = 300
            fleet.driftRamp = 600
            fleet.intervals = 30
            maxDelay = 8
        } else {
            fleet.settings.windowMs = 60_000
            fleet.settings.thresholds.minimumCount = 300
        }
        // One steady and one drifting machine also send their raw feature vectors: exact statistics for them.
        fleet.rawDevices = [0, 199]
        let outcome = try fleet.run(in: directory)
        #expect(outcome.drifting.count == 20)

        var firstFlagged: [String: Int] = [:]
        var cleanEvaluations = 0
        var cleanDrifted = 0
        var worstCleanShare = 0.0
        for (index, evaluation) in outcome.evaluations.enumerated() {
            let devices = evaluation.reports.filter { $0.scope != DriftMonitor.fleetScope }
            let judged = devices.filter { !$0.comparedWith.hasPrefix("baseline pending") }
            // No device is judged before its baseline of 5 intervals is complete; until then it is listed as pending.
            #expect(devices.allSatisfy { $0.features.isEmpty == !judged.contains($0) })
            if index < fleet.settings.baselineIntervals - 1 {
                #expect(judged.isEmpty && (index == 0 || devices.count == fleet.devices), "evaluation \(index)")
            }
            for report in judged {
                #expect(report.comparedWith.hasPrefix("device baseline"))
                let exact = report.features.filter(\.exact).count
                #expect(exact == (outcome.raw.contains(report.scope) ? report.features.count : 0), "\(report.scope)")
                if outcome.drifting.contains(report.scope) {
                    if report.flagged, firstFlagged[report.scope] == nil { firstFlagged[report.scope] = index }
                } else {
                    cleanEvaluations += 1
                    if report.drifted || report.flagged { cleanDrifted += 1 }
                    worstCleanShare = max(worstCleanShare, report.driftedShare)
                }
            }
        }
        let onset = fleet.driftStart / fleet.intervalSeconds
        let delays = firstFlagged.values.map { $0 - onset }
        print(
            "firmware drift: \(firstFlagged.count) of \(outcome.drifting.count) drifting devices flagged, "
                + "intervals after onset \(delays.min() ?? -1)...\(delays.max() ?? -1); clean devices: \(cleanDrifted) "
                + "drifted verdicts in \(cleanEvaluations) evaluations, worst drifted share \(worstCleanShare)"
        )
        #expect(Set(firstFlagged.keys) == outcome.drifting)
        #expect(delays.allSatisfy { $0 <= maxDelay }, "\(firstFlagged)")
        #expect(cleanEvaluations >= 180 * (fleet.intervals - fleet.settings.baselineIntervals))
        #expect(cleanDrifted == 0, "false alarms: \(cleanDrifted) of \(cleanEvaluations)")
        let flaggedEvents = outcome.evaluations.flatMap(\.events).filter {
            $0.state == "drift" && $0.scope != DriftMonitor.fleetScope
        }
        #expect(Set(flaggedEvents.map(\.scope)) == outcome.drifting)
        let fleetFlags = outcome.evaluations.flatMap(\.reports).filter { $0.scope == DriftMonitor.fleetScope }
        print("fleet drifted shares: \(fleetFlags.map { ($0.driftedShare * 100).rounded() / 100 })")
    }
}
