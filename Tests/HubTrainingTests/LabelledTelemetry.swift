import HubCore
import SensorDataset
import SignalFeatures
import WireProtocol

/// Labelled feature vectors as devices send them (`labelledFeatures` telemetry), for the tests that collect them.
enum LabelledTelemetry {
    /// Stores `vectors` in `store` as `labelledFeatures` telemetry of their devices (plus a prediction and a vector
    /// of another length per device, which collecting must skip), at `ts`.
    static func ingest(_ vectors: [LabelledVector], into store: HubStore, ts: Int64) throws {
        let byDevice = Dictionary(grouping: vectors, by: \.device)
        let batches = try byDevice.keys.sorted().map { device in
            var payloads = byDevice[device, default: []].map {
                TelemetryPayload.labelledFeatures(label: $0.label, values: $0.values)
            }
            payloads += [
                .prediction(.init(modelName: "m", modelVersion: 1, label: "fast", score: 1, latencyMicros: 1)),
                .labelledFeatures(label: "fast", values: [1, 2, 3]),
            ]
            let records = try payloads.enumerated().map { index, payload in
                try TelemetryRecord(seq: UInt64(index + 1), ts: ts, payload: payload)
            }
            return try TelemetryBatch(device: DeviceID(device), records: records)
        }
        try store.record(statuses: [], events: [], telemetry: batches, receivedAt: ts)
    }

    /// The vectors devices would compute for `windows` with `pipeline`, spread over three devices.
    static func vectors(_ windows: [LabelledWindow], _ pipeline: FeaturePipelineConfig) throws -> [LabelledVector] {
        let values = try WindowFeatures.vectors(of: windows, pipeline: pipeline)
        return zip(windows, values).enumerated().map { index, pair in
            LabelledVector(device: "dev-\(index % 3)", label: pair.0.label, values: pair.1)
        }
    }
}
