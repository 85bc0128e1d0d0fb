import EdgeModel
import FoundationEssentials
import SensorDataset
import SignalFeatures

/// `hub train` on labelled raw windows: features from the default pipeline fitted to the windows (for a CNN, a
/// raw-samples pipeline: the network reads the window itself as `[axes, samples]`), a stratified split,
/// standardisation fitted on the training part (stored in the pipeline, so devices apply the same), then the
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
        return try ExportPipeline(config: config, progress: progress).run(prepared)
    }

    /// The split, standardised feature vectors and metadata ``train(_:datasetHash:name:version:config:progress:)``
    /// trains on (also what a baseline in another library is given).
    /// - Throws: `TrainingRunError` `.badDataset`.
    public static func prepare(
        _ windows: [LabelledWindow],
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig,
        progress: (String) -> Void = { _ in }
    ) throws(TrainingRunError) -> PreparedTraining {
        let (labelNames, labels) = PreparedTraining.classes(of: windows.map(\.label))
        var pipeline = try WindowFeatures.pipeline(for: windows, rawSamples: config.kind == .cnn)
        let parts = try DatasetSplit.stratifiedIndices(
            labels: labels,
            classes: labelNames.count,
            validationFraction: config.validationFraction,
            testFraction: config.testFraction,
            seed: config.seed
        )
        progress("featurising \(windows.count) windows (\(pipeline.featureCount) features each)")
        let raw = try WindowFeatures.vectors(of: parts.train.map { windows[$0] }, pipeline: pipeline)
        pipeline.standardization = WindowFeatures.standardization(fitting: raw, pipeline: pipeline)
        return try PreparedTraining(
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
    /// The network's input shape: `[features]`, or `[axes, samples]` for a CNN on a raw-samples pipeline.
    public var inputShape: [Int]

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
    ) throws(TrainingRunError) {
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
        inputShape = try Self.inputShape(of: pipeline, for: config)
    }

    /// The network's input shape for `config` on `pipeline`'s vectors.
    /// - Throws: `TrainingRunError.unsupportedModel` for a CNN on a pipeline of statistics.
    static func inputShape(
        of pipeline: FeaturePipelineConfig,
        for config: TrainingConfig
    ) throws(TrainingRunError) -> [Int] {
        switch config.kind {
        case .mlp: return [pipeline.featureCount]
        case .cnn:
            guard pipeline.isRawSamples else {
                throw TrainingRunError(
                    .unsupportedModel,
                    "model.kind cnn reads windows of samples: the data's pipeline computes statistics "
                        + "(collect raw-samples vectors, or train on raw windows)"
                )
            }
            return [pipeline.axes.count, pipeline.windowLength]
        }
    }

    /// The class names (sorted) and each label's index among them.
    static func classes(of labels: [String]) -> (names: [String], indices: [Int]) {
        let names = Set(labels).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (names, labels.map { index[$0] ?? 0 })
    }
}

extension ExportPipeline {
    /// Runs the pipeline on `prepared`'s split, metadata, feature names and input shape.
    /// - Throws: `TrainingRunError`.
    public func run(_ prepared: PreparedTraining) throws(TrainingRunError) -> TrainedModel {
        try run(
            prepared.split,
            metadata: prepared.metadata,
            featureNames: prepared.featureNames,
            inputShape: prepared.inputShape
        )
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
