import EdgeModel
import HubCore
import Logging
import ModelTraining
import TestSupport
import WireProtocol

@testable import EdgeCore

/// A fleet driven in-process through the drift path: per device an edge ``DriftSummarizer`` fed with feature vectors,
/// its kind-6 records stored by a real ``HubStore`` (SQLite file) and ingested by the ``DriftMonitor``, which is
/// evaluated once per reporting interval.
///
/// Features are 4 standard normal values per vector; a drifting device's values get a shift growing linearly from
/// `driftStart` over `ramp` intervals up to `shift` standard deviations (gradual drift).
struct DriftFleet {
    static let featureNames = ["rms", "peak", "kurtosis", "crest"]
    static let intervalMs: Int64 = 60_000

    var devices: Int
    var drifting: Set<Int>
    var intervals: Int
    var vectorsPerInterval = 120
    var driftStart = 3
    var ramp = 3
    var shift = 1.5
    /// The monitor's settings: devices compared with the model's reference (every device here is the same machine).
    var settings = {
        var settings = DriftSettings()
        settings.baseline = .reference
        return settings
    }()

    /// The model's artifact: reference from 20 k standard normal training vectors on 20 bins.
    static func artifact() throws -> [UInt8] {
        var random = SplitMix64(seed: 77)
        let training = (0..<20_000).map { _ in
            (0..<featureNames.count).map { _ in NetworkInitializer.gaussian(using: &random) }
        }
        let reference = DriftReference(training: training, names: featureNames, bins: 20)
        return try TestModel.artifact(pipeline: nil, inputs: featureNames.count, driftReference: reference)
    }

    /// Device id of index `index`.
    /// Whether the hub keeps float weights of the model, which a federated run starts from.
    var keepsFloatWeights = false

    static func device(_ index: Int) throws -> DeviceID { try DeviceID("sim-\(1_000 + index)") }

    /// Runs every interval; returns, per evaluation, the evaluation itself.
    func run(in directory: TemporaryDirectory) throws -> (evaluations: [DriftMonitor.Evaluation], store: HubStore) {
        let store = try HubStore(path: directory.file("hub.sqlite"))
        try store.register(
            ModelCandidate(
                name: "bearing",
                version: 1,
                artifact: try Self.artifact(),
                metrics: [:],
                lineage: ModelLineage()
            ),
            actor: "test",
            now: 0,
            signer: nil
        )
        if keepsFloatWeights { try store.saveFloatWeights(model: "bearing", version: 1, artifact: try Self.artifact()) }
        let monitor = DriftMonitor(store: store, settings: settings, logger: Logger(label: "drift-test"))
        let model = try ModelReference(name: "bearing", version: 1)
        let artifact = try ModelArtifact(bytes: try Self.artifact())
        let reference = try require(artifact.manifest.driftReference)
        var summarizers = [DriftSummarizer](repeating: DriftSummarizer(interval: .seconds(60)), count: devices)
        var sequences = [UInt64](repeating: 0, count: devices)
        var evaluations: [DriftMonitor.Evaluation] = []
        for interval in 0...intervals {
            var batches: [TelemetryBatch] = []
            for device in 0..<devices {
                var random = SplitMix64(seed: UInt64(device * 10_000 + interval))
                let progress = Double(interval - driftStart + 1) / Double(ramp)
                let offset = drifting.contains(device) ? shift * Swift.min(Swift.max(progress, 0), 1) : 0
                var records: [TelemetryRecord] = []
                for index in 0..<(interval == intervals ? 1 : vectorsPerInterval) {
                    let values = (0..<Self.featureNames.count).map { _ in
                        NetworkInitializer.gaussian(using: &random) + Float(offset)
                    }
                    let at = Int64(interval) * Self.intervalMs + Int64(index) * 400
                    if let record = summarizers[device].add(
                        values,
                        predictedClass: values[0] > 0 ? 0 : 1,
                        model: model,
                        reference: reference,
                        labelCount: TestModel.labels.count,
                        at: at
                    ) {
                        sequences[device] += 1
                        records.append(
                            try TelemetryRecord(seq: sequences[device], ts: at, payload: .driftSummary(record))
                        )
                    }
                }
                if !records.isEmpty {
                    batches.append(try TelemetryBatch(device: Self.device(device), records: records))
                }
            }
            guard !batches.isEmpty else { continue }
            try store.record(
                statuses: [],
                events: [],
                telemetry: batches,
                receivedAt: Int64(interval) * Self.intervalMs
            )
            monitor.ingest(batches)
            evaluations.append(try monitor.evaluate(nowMs: Int64(interval) * Self.intervalMs + 1))
        }
        return (evaluations, store)
    }
}

/// `#require` outside a test function: throws when nil.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw DriftFleetError() }
    return value
}

private struct DriftFleetError: Error {}
