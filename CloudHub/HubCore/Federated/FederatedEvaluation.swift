import EdgeModel
import FoundationEssentials

/// The data a federated run measures and quantizes with: the split the base model was trained on, rebuilt from the
/// dataset snapshot and training config in its lineage (the same split, since splitting is seeded). Devices never
/// send their samples; this is the hub's own held-out set.
public struct FederatedHeldOut: Sendable {
    /// Accuracy is measured on `split.test`; `split.train` calibrates the int8 quantization.
    public var split: DatasetSplit
    /// How many training inputs calibrate.
    public var calibrationSamples: Int

    /// The held-out data of `model`@`version`, or of the centrally trained version a federated one descends from.
    /// - Throws: `FederatedRunError` `.noHeldOutData` when the lineage names no snapshot or the snapshot cannot be
    ///   prepared; `RegistryError`; `DatasetStoreError`.
    public static func load(model: String, version: UInt32, store: HubStore) throws -> FederatedHeldOut {
        var registered = try store.model(model, version: version)
        while registered.lineage.federatedRound != nil, let parent = registered.lineage.parentVersion,
            parent < registered.version
        {
            registered = try store.model(model, version: UInt32(parent))
        }
        guard let hash = registered.lineage.datasetHash else {
            throw FederatedRunError(.noHeldOutData, "\(model)@\(version) names no dataset snapshot in its lineage")
        }
        let config =
            registered.lineage.trainingConfig.flatMap {
                try? JSONDecoder().decode(TrainingConfig.self, from: Data($0.utf8))
            } ?? TrainingConfig()
        let snapshot = try store.dataset(hash)
        let prepared: PreparedTraining
        do {
            if snapshot.pipeline == nil {
                prepared = try WindowTraining.prepare(
                    try store.datasetWindows(hash),
                    datasetHash: hash,
                    name: model,
                    version: Int(version),
                    config: config
                )
            } else {
                let (pipeline, vectors) = try store.datasetVectors(hash)
                prepared = try FeatureTraining.prepare(
                    vectors,
                    pipeline: pipeline,
                    datasetHash: hash,
                    name: model,
                    version: Int(version),
                    config: config
                )
            }
        } catch {
            throw FederatedRunError(.noHeldOutData, "snapshot \(hash.prefix(16)): \(error)")
        }
        return FederatedHeldOut(split: prepared.split, calibrationSamples: config.calibrationSamples)
    }

    /// Accuracy of `network` on the held-out part, in [0, 1].
    /// - Throws: `InferenceError` for inputs that do not fit the network.
    public func accuracy(of network: FloatNetwork) throws(InferenceError) -> Double {
        try ExportPipeline.evaluate(split.test, classes: network.outputCount) { input throws(InferenceError) in
            try network.predict(input)
        }.accuracy
    }
}
