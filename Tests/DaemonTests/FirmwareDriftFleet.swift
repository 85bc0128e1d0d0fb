import EdgeModel
import FirmwareSimulator
import HubCore
import Logging
import ModelTraining
import SignalFeatures
import TestSupport
import WireProtocol

@testable import EdgeCore

/// A firmware-sim fleet driven through the whole drift path in simulated time: every device's binary vibration
/// frames go through the edge's ``SensorReassembler`` (the device's feature pipeline), its int8 model and its
/// ``DriftSummarizer``; the kind-6 records travel as encoded telemetry batches into a real ``HubStore`` (SQLite
/// file) and the hub's ``DriftMonitor``, which is evaluated at the end of every reporting interval. Only the broker
/// is left out (``DriftBrokerTests`` covers it), so that minutes of 200 devices run in seconds.
///
/// The model's drift reference comes from a separate training fleet (other machines, same scenario without drift).
struct FirmwareDriftFleet {
    /// Devices in the fleet; the scenario's `drifting` group is the last tenth.
    var devices = 200
    /// Reporting interval, seconds (the edge's `drift.interval`).
    var intervalSeconds = 10
    /// Intervals simulated.
    var intervals = 24
    /// When drift starts and how long it ramps to full magnitude, seconds.
    var driftStart = 60
    var driftRamp = 120
    var settings = DriftSettings()
    /// Indices of the devices that also send every feature vector (`telemetry.features: raw`).
    var rawDevices: Set<Int> = []

    static let pipeline = FeaturePipelineConfig.vibrationDefault
    /// Unix milliseconds of the first frame: a multiple of any interval used here.
    static let startMs: Int64 = 1_800_000_000_000

    /// The scenario: 90 % steady machines, 10 % whose vibration sensor drifts (gain × 1.6 and added noise,
    /// ramping over `driftRamp` seconds from `driftStart`), as `firmware-sim/scenarios/drift-10pct.yaml` with
    /// times scaled down.
    var scenarioYAML: String {
        """
        version: 1
        devices: \(devices)
        rates: {vibration: 1000, temperature: 1, current: 10}
        groups:
          - name: steady
            id_prefix: sim-
            fraction: 0.9
          - name: drifting
            id_prefix: sim-
            fraction: 0.1
            drift:
              - {kind: gain, sensor: vibration, start: \(driftStart), ramp: \(driftRamp), magnitude: 1.6}
              - {kind: noise, sensor: vibration, start: \(driftStart), ramp: \(driftRamp), magnitude: 0.05}
        """
    }

    /// What a run produced.
    struct Outcome {
        /// One evaluation per interval, in order.
        var evaluations: [DriftMonitor.Evaluation]
        /// Ids of the devices of the drifting group.
        var drifting: Set<String>
        /// Ids of the devices that sent their raw feature vectors.
        var raw: Set<String>
        var store: HubStore
    }

    /// The drift reference: 20 bins per feature over the vectors of 200 machines × 12 s of a clean fleet.
    static func reference() throws -> DriftReference {
        let scenario = try Scenario(
            yaml: """
                version: 1
                devices: 200
                rates: {vibration: 1000, temperature: 1, current: 10}
                groups:
                  - {name: training, id_prefix: train-, fraction: 1}
                """,
            source: "training"
        )
        var fleet = try FleetSimulation(
            scenario: scenario,
            settings: SimulationSettings(deviceCount: 200, durationSeconds: 12, seed: 99),
            startTimestamp: startMs
        )
        var vectors: [[Float]] = []
        for index in fleet.devices.indices {
            var reassembler = try SensorReassembler(config: pipeline, gapTolerance: .seconds(1))
            for _ in 0..<12 {
                let frames = try fleet.devices[index].nextFrames()
                guard let vibration = frames.vibration else { continue }
                _ = reassembler.accept(payload: vibration.encode(), device: frames.device, sensor: "vibration") {
                    vectors.append($0.values)
                }
            }
        }
        return DriftReference(training: vectors, names: pipeline.featureNames, bins: 20)
    }

    /// Runs every interval of the scenario through the edge path and the hub.
    func run(in directory: TemporaryDirectory) throws -> Outcome {
        let artifact = try TestModel.artifact(pipeline: Self.pipeline, driftReference: try Self.reference())
        let store = try HubStore(path: directory.file("hub.sqlite"))
        try store.register(
            ModelCandidate(name: "bearing", version: 1, artifact: artifact, metrics: [:], lineage: ModelLineage()),
            actor: "test",
            now: 0,
            signer: nil
        )
        let monitor = DriftMonitor(store: store, settings: settings, logger: Logger(label: "firmware-drift"))
        let model = try LoadedModel(artifact: artifact)
        let reference = try ModelArtifact(bytes: artifact).manifest.driftReference
        let modelReference = try ModelReference(name: "bearing", version: 1)
        let scenario = try Scenario(yaml: scenarioYAML, source: "drift")
        let framesPerInterval = intervalSeconds
        var fleet = try FleetSimulation(
            scenario: scenario,
            settings: SimulationSettings(
                deviceCount: devices,
                durationSeconds: Double(intervals * intervalSeconds),
                seed: 7
            ),
            startTimestamp: Self.startMs
        )
        let drifting = Set(
            fleet.devices.indices.filter { fleet.groupIndex[$0] == 1 }.map { fleet.devices[$0].id.rawValue }
        )
        var reassemblers = try fleet.devices.map { _ in
            try SensorReassembler(config: Self.pipeline, gapTolerance: .seconds(1))
        }
        var summarizers = [DriftSummarizer](
            repeating: DriftSummarizer(interval: .seconds(intervalSeconds)),
            count: devices
        )
        var sequences = [UInt64](repeating: 0, count: devices)
        var evaluations: [DriftMonitor.Evaluation] = []
        for interval in 0..<intervals {
            var batches: [TelemetryBatch] = []
            for index in fleet.devices.indices {
                var records: [TelemetryRecord] = []
                for _ in 0..<framesPerInterval {
                    let frames = try fleet.devices[index].nextFrames()
                    guard let vibration = frames.vibration else { continue }
                    var vectors: [FeatureVector] = []
                    _ = reassemblers[index].accept(
                        payload: vibration.encode(),
                        device: frames.device,
                        sensor: "vibration"
                    ) { vectors.append($0) }
                    for vector in vectors {
                        if rawDevices.contains(index) {
                            sequences[index] += 1
                            records.append(
                                try TelemetryRecord(
                                    seq: sequences[index],
                                    ts: vector.windowStartMs,
                                    payload: .featureSummary(vector.values)
                                )
                            )
                        }
                        let predicted = try model.predict(vector.values).prediction.index
                        guard
                            let summary = summarizers[index].add(
                                vector.values,
                                predictedClass: predicted,
                                model: modelReference,
                                reference: reference,
                                labelCount: TestModel.labels.count,
                                at: vector.windowStartMs
                            )
                        else { continue }
                        sequences[index] += 1
                        records.append(
                            try TelemetryRecord(
                                seq: sequences[index],
                                ts: summary.intervalEndMs,
                                payload: .driftSummary(summary)
                            )
                        )
                    }
                }
                guard !records.isEmpty else { continue }
                let batch = try TelemetryBatch(device: fleet.devices[index].id, records: records)
                batches.append(try TelemetryBatch.decode(batch.encode()))
            }
            let nowMs = Self.startMs + Int64((interval + 1) * intervalSeconds) * 1_000 + 1
            if !batches.isEmpty {
                try store.record(statuses: [], events: [], telemetry: batches, receivedAt: nowMs)
                monitor.ingest(batches)
            }
            evaluations.append(try monitor.evaluate(nowMs: nowMs))
        }
        let raw = Set(rawDevices.map { fleet.devices[$0].id.rawValue })
        return Outcome(evaluations: evaluations, drifting: drifting, raw: raw, store: store)
    }
}
