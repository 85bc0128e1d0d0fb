import FoundationEssentials
import SQLiteStorage
import SignalFeatures
import UpdateSigning
import WireProtocol

/// Feature snapshots: labelled feature vectors that devices sent (`telemetry.features: labelled`), gathered from the
/// telemetry store into a content-hashed snapshot together with the pipeline that computed them, so `hub train` can
/// learn from what the fleet saw.
extension HubStore {
    /// Gathers the `labelledFeatures` telemetry received since `sinceMs` (of `devices`, or of every device when
    /// empty) whose vectors have `pipeline`'s length, and stores them as a snapshot (or returns the one holding the
    /// same content).
    /// - Throws: `DatasetStoreError.emptyDataset` when nothing matches; `SQLiteError`.
    @discardableResult
    public func collectFeatureDataset(
        pipeline: FeaturePipelineConfig,
        devices: [String] = [],
        sinceMs: Int64,
        now: Int64
    ) throws -> DatasetSnapshot {
        let wanted = Set(devices)
        let vectors = try database.read { connection in
            // Kind 5 is the first byte of a labelledFeatures payload.
            try connection.query(
                "SELECT device, payload FROM telemetry WHERE ts >= ?1 AND substr(payload, 1, 1) = x'05' ORDER BY device, seq",
                .integer(sinceMs)
            ).compactMap { row -> LabelledVector? in
                guard let device = try row[0].string, wanted.isEmpty || wanted.contains(device),
                    case .labelledFeatures(let label, let values)? = try? TelemetryPayload.decode(try row[1].blob ?? []),
                    values.count == pipeline.featureCount
                else { return nil }
                return LabelledVector(device: device, label: label, values: values)
            }
        }
        let scope = devices.isEmpty ? "all devices" : devices.joined(separator: ",")
        return try importFeatureDataset(
            vectors,
            pipeline: pipeline,
            source: "telemetry \(scope) since \(sinceMs)",
            now: now
        )
    }

    /// Stores `vectors`, computed by `pipeline`, as a snapshot, or returns the snapshot that holds the same content.
    /// The hash covers the pipeline (JSON, sorted keys) and every vector's device, label and values.
    /// - Throws: `DatasetStoreError.emptyDataset`; `SQLiteError`.
    @discardableResult
    public func importFeatureDataset(
        _ vectors: [LabelledVector],
        pipeline: FeaturePipelineConfig,
        source: String,
        now: Int64
    ) throws -> DatasetSnapshot {
        guard !vectors.isEmpty else {
            throw DatasetStoreError(
                .emptyDataset,
                "\(source): no labelled vectors of \(pipeline.featureCount) features"
            )
        }
        let pipelineJSON = Self.json(pipeline)
        let digests =
            [ArtifactDigest.sha256(Array(pipelineJSON.utf8))]
            + vectors.map { vector in
                ArtifactDigest.sha256(
                    Array("\(vector.device)\0\(vector.label)\0".utf8) + FloatBlob.encode(vector.values)
                )
            }
        let hash = ArtifactDigest.sha256(Array(digests.joined(separator: "\n").utf8))
        let labels = vectors.reduce(into: [String: Int]()) { $0[$1.label, default: 0] += 1 }
        try database.write { connection in
            let inserted = try connection.run(
                """
                INSERT INTO dataset_snapshots (hash, source, created_ms, windows, labels, pipeline)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING
                """,
                .text(hash),
                .text(source),
                .integer(now),
                .integer(Int64(vectors.count)),
                .text(Self.json(labels)),
                .text(pipelineJSON)
            )
            guard inserted > 0 else { return }
            let insert = try connection.statement(
                "INSERT INTO dataset_vectors (snapshot, idx, device, label, features) VALUES (?1, ?2, ?3, ?4, ?5)"
            )
            try insert.bind(hash, at: 1)
            for (index, vector) in vectors.enumerated() {
                try insert.bind(Int64(index), at: 2)
                try insert.bind(vector.device, at: 3)
                try insert.bind(vector.label, at: 4)
                try insert.bind(FloatBlob.encode(vector.values), at: 5)
                _ = try insert.step()
                try insert.reset()
            }
        }
        return try dataset(hash)
    }

    /// The vectors of a feature snapshot, in their stored order.
    /// - Throws: `DatasetStoreError` `.unknownSnapshot`, `.wrongKind` for a raw-window snapshot, `.corruptWindow`
    ///   for a row whose features are not whole float32 values of the pipeline's length.
    public func datasetVectors(
        _ reference: String
    ) throws -> (pipeline: FeaturePipelineConfig, vectors: [LabelledVector]) {
        let snapshot = try dataset(reference)
        guard let pipeline = snapshot.pipeline else {
            throw DatasetStoreError(.wrongKind, "\(snapshot.hash) holds raw windows, not feature vectors")
        }
        let vectors = try database.read { connection in
            try connection.query(
                "SELECT idx, device, label, features FROM dataset_vectors WHERE snapshot = ?1 ORDER BY idx",
                .text(snapshot.hash)
            ).map { row in
                let bytes = try row[3].blob ?? []
                guard bytes.count == 4 * pipeline.featureCount else {
                    throw DatasetStoreError(
                        .corruptWindow,
                        "\(snapshot.hash) vector \(try row[0].int64 ?? -1): \(bytes.count) bytes, expected "
                            + "\(4 * pipeline.featureCount)"
                    )
                }
                return LabelledVector(
                    device: try row[1].string ?? "",
                    label: try row[2].string ?? "",
                    values: FloatBlob.decode(bytes) ?? []
                )
            }
        }
        return (pipeline, vectors)
    }
}
