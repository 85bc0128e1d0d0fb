import EdgeModel
import Foundation
import UpdateSigning

/// Retraining on recent data, as the drift policy `retrain` does it: the labelled feature vectors the devices sent
/// for the model's pipeline since `sinceMs` become a snapshot (as `hub data collect`), a model is trained on them
/// with the training config of the drifted version (from its lineage; the defaults when it has none) and registered
/// as the next version, its lineage naming the drifted version as parent. It is not rolled out: an operator looks at
/// its evaluation and starts a rollout (`hub rollout start`).
public struct DriftRetraining: Sendable {
    /// Fewest labelled vectors worth training on.
    public var minimumVectors: Int
    /// Signs the registered version when present.
    public var signer: SigningKeyPair?

    /// Retraining that needs at least `minimumVectors` vectors.
    public init(minimumVectors: Int, signer: SigningKeyPair?) {
        self.minimumVectors = minimumVectors
        self.signer = signer
    }

    /// What a retraining registered.
    public struct Outcome: Sendable {
        /// The new version.
        public var model: RegisteredModel
        /// Vectors trained on (all splits).
        public var vectors: Int
        /// The snapshot's content hash.
        public var datasetHash: String
        /// Test-split accuracy of the int8 model.
        public var accuracy: Double
    }

    /// Retrains `name`, which drifted at `version`, on the vectors sent since `sinceMs`.
    /// - Throws: `DriftRetrainingError` when the version has no feature pipeline or too few vectors were sent;
    ///   the store's, the dataset's or the trainer's error otherwise.
    public func retrain(
        _ name: String,
        drifted version: UInt32,
        sinceMs: Int64,
        store: HubStore,
        now: Int64
    ) throws -> Outcome {
        let manifest = try ModelArtifact(bytes: try store.artifact(name, version: version).bytes).manifest
        guard let pipeline = manifest.featurePipeline, !pipeline.isRawSamples else {
            throw DriftRetrainingError("\(name)@\(version) has no feature pipeline to collect vectors of")
        }
        var config = TrainingConfig()
        if let recorded = manifest.lineage.trainingConfig {
            config = try JSONDecoder().decode(TrainingConfig.self, from: Data(recorded.utf8))
        }
        let snapshot: DatasetSnapshot
        do {
            snapshot = try store.collectFeatureDataset(pipeline: pipeline, sinceMs: sinceMs, now: now)
        } catch let error as DatasetStoreError where error.code == .emptyDataset {
            throw DriftRetrainingError("no labelled vectors of \(name)'s pipeline since \(sinceMs)")
        }
        guard snapshot.windows >= minimumVectors else {
            throw DriftRetrainingError(
                "\(snapshot.windows) labelled vectors since \(sinceMs), fewer than \(minimumVectors)"
            )
        }
        let (collected, vectors) = try store.datasetVectors(snapshot.hash)
        var prepared = try FeatureTraining.prepare(
            vectors,
            pipeline: collected,
            datasetHash: snapshot.hash,
            name: name,
            version: Int(try store.latestVersion(of: name) ?? version) + 1,
            config: config
        )
        prepared.metadata.lineage.parentVersion = Int(version)
        let trained = try ExportPipeline(config: config).run(prepared)
        let model = try store.register(trained: trained, actor: "drift-monitor", now: now, signer: signer)
        return Outcome(
            model: model,
            vectors: vectors.count,
            datasetHash: snapshot.hash,
            accuracy: trained.evaluation.int8.accuracy
        )
    }
}

/// Why the drift policy could not retrain.
public struct DriftRetrainingError: Error, CustomStringConvertible {
    /// What was missing.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
