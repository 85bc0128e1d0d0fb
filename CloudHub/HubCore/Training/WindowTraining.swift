import EdgeModel
import FoundationEssentials
import SensorDataset
import SignalFeatures

/// `hub train` on labelled raw windows: features from the default pipeline fitted to the windows, a stratified
/// split, standardisation fitted on the training part (stored in the pipeline, so devices apply the same), then the
/// ``ExportPipeline``.
public enum WindowTraining {
    /// Trains `name`@`version` on `windows` (labels sorted by name become the class indices).
    ///
    /// - Parameters:
    ///   - datasetHash: the snapshot's content hash, recorded in the lineage.
    /// - Throws: `TrainingRunError`.
    public static func train(
        _ windows: [LabelledWindow],
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig,
        progress: @escaping (String) -> Void = { _ in }
    ) throws(TrainingRunError) -> TrainedModel {
        let prepared = try prepare(
            windows,
            datasetHash: datasetHash,
            name: name,
            version: version,
            config: config,
            progress: progress
        )
        return try ExportPipeline(config: config, progress: progress).run(
            prepared.split,
            metadata: prepared.metadata,
            featureNames: prepared.featureNames,
            inputShape: [prepared.featureNames.count]
        )
    }

    /// The split, standardised feature vectors and metadata ``train(_:datasetHash:name:version:config:progress:)``
    /// trains on (also what a baseline in another library is given).
    /// - Throws: `TrainingRunError` `.badDataset`, `.unsupportedModel` for a CNN.
    public static func prepare(
        _ windows: [LabelledWindow],
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig,
        progress: (String) -> Void = { _ in }
    ) throws(TrainingRunError) -> PreparedTraining {
        try PreparedTraining.requireMLP(config)
        let (labelNames, labels) = PreparedTraining.classes(of: windows.map(\.label))
        var pipeline = try WindowFeatures.pipeline(for: windows)
        let parts = try DatasetSplit.stratifiedIndices(
            labels: labels,
            classes: labelNames.count,
            validationFraction: config.validationFraction,
            testFraction: config.testFraction,
            seed: config.seed
        )
        progress("featurising \(windows.count) windows (\(pipeline.featureCount) features each)")
        let raw = try WindowFeatures.vectors(of: parts.train.map { windows[$0] }, pipeline: pipeline)
        pipeline.standardization = WindowFeatures.standardization(fitting: raw)
        return PreparedTraining(
            samples: LabelledSamples(
                inputs: try WindowFeatures.vectors(of: windows, pipeline: pipeline),
                labels: labels
            ),
            parts: parts,
            labelNames: labelNames,
            pipeline: pipeline,
            datasetHash: datasetHash,
            name: name,
            version: version,
            config: config
        )
    }
}

/// Labelled windows made ready for the ``ExportPipeline``.
public struct PreparedTraining: Sendable {
    /// Standardised feature vectors, split.
    public var split: DatasetSplit
    /// Name, version, labels, the pipeline with its standardisation, lineage.
    public var metadata: ModelMetadata
    /// One name per feature.
    public var featureNames: [String]

    /// Standardised `samples` split by `parts`, with the metadata of `name`@`version` trained by `config` on
    /// `datasetHash`.
    init(
        samples: LabelledSamples,
        parts: (train: [Int], validation: [Int], test: [Int]),
        labelNames: [String],
        pipeline: FeaturePipelineConfig,
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig
    ) {
        split = DatasetSplit(
            train: samples.subset(parts.train),
            validation: samples.subset(parts.validation),
            test: samples.subset(parts.test)
        )
        metadata = ModelMetadata(
            name: name,
            version: version,
            labels: labelNames,
            featurePipeline: pipeline,
            lineage: ModelLineage(datasetHash: datasetHash, trainingConfig: config.json)
        )
        featureNames = pipeline.featureNames
    }

    /// The class names (sorted) and each label's index among them.
    static func classes(of labels: [String]) -> (names: [String], indices: [Int]) {
        let names = Set(labels).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (names, labels.map { index[$0] ?? 0 })
    }

    /// Refuses a CNN: the artifact contract (ArtifactValidator) gives a model with a feature pipeline the input shape
    /// [featureCount]; a convolution needs [channels, length], so CNNs train on raw vectors only for now.
    static func requireMLP(_ config: TrainingConfig) throws(TrainingRunError) {
        guard config.kind == .mlp else {
            throw TrainingRunError(.unsupportedModel, "model.kind cnn: a model reading a feature pipeline is an mlp")
        }
    }
}

extension TrainingConfig {
    /// The config as JSON with sorted keys, for the lineage.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain numbers, strings and lists: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
