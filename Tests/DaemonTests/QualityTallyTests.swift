import HubCore
import Testing
import WireProtocol

/// Folding a device's telemetry into the figures the rollout gates judge.
@Suite("Quality tally")
struct QualityTallyTests {
    static func prediction(_ version: UInt32, label: String = "normal", truth: String? = nil) -> TelemetryPayload {
        .prediction(
            .init(
                modelName: "bearing",
                modelVersion: version,
                label: label,
                score: 0.9,
                latencyMicros: 10,
                truth: truth
            )
        )
    }

    static func health(errors: UInt32) -> TelemetryPayload {
        .health(
            .init(
                cpuFraction: 0.1,
                memoryBytes: 1_000,
                inferenceLatencyP50Micros: 1,
                inferenceLatencyP99Micros: 2,
                errorCount: errors,
                outboxDepth: 0
            )
        )
    }

    @Test func countsEachVersionsPredictionsTruthAndErrorsSinceTheCommit() throws {
        var tally = QualityTally(model: "bearing", version: 2, previousVersion: 1, committedMs: 1_000)
        let payloads: [(Int64, TelemetryPayload)] = [
            (100, Self.health(errors: 4)),
            (200, Self.prediction(1, truth: "normal")),
            (300, Self.prediction(1, label: "imbalance", truth: "normal")),
            (400, Self.prediction(1)),
            // Made by version 2 before its commit (the health check's time): not counted.
            (900, Self.prediction(2, truth: "normal")),
            (900, Self.health(errors: 5)),
            (1_000, Self.prediction(2, truth: "normal")),
            (1_100, Self.prediction(2, label: "imbalance", truth: "bearing_outer")),
            (1_200, Self.prediction(2)),
            (1_300, Self.health(errors: 8)),
            // The process restarted: its count began again from zero.
            (1_400, Self.health(errors: 2)),
            (1_500, .prediction(.init(modelName: "pump", modelVersion: 2, label: "x", score: 1, latencyMicros: 1))),
            (1_600, .metric(name: "m", value: 1)),
        ]
        for (index, (ts, payload)) in payloads.enumerated() {
            tally.add(try TelemetryRecord(seq: UInt64(index + 1), ts: ts, payload: payload))
        }
        #expect(tally.report.updated == DeviceQuality(predictions: 3, errors: 3 + 2, labelled: 2, correct: 1))
        #expect(tally.report.previous == DeviceQuality(predictions: 3, errors: 0, labelled: 2, correct: 1))
        #expect(tally.lastSeq == UInt64(payloads.count))
        // A record folded in already changes nothing.
        let before = tally.report
        tally.add(try TelemetryRecord(seq: 7, ts: 1_000, payload: Self.prediction(2, truth: "normal")))
        #expect(tally.report == before)
    }

    @Test func theFirstHealthRecordOnlySetsTheBase() throws {
        var tally = QualityTally(model: "bearing", version: 2, previousVersion: nil, committedMs: 0)
        tally.add(try TelemetryRecord(seq: 1, ts: 10, payload: Self.health(errors: 50)))
        tally.add(try TelemetryRecord(seq: 2, ts: 20, payload: Self.health(errors: 51)))
        #expect(tally.report.updated.errors == 1)
    }
}
