import SignalFeatures

/// `hub train` on a feature snapshot: vectors the devices computed and labelled. Vectors made under a standardised
/// pipeline are mapped back to raw features first; a new standardisation is fitted on the training part and stored in
/// the pipeline; then the ``ExportPipeline`` as for raw windows.
public enum FeatureTraining {
    /// Trains `name`@`version` on `vectors` computed by `pipeline` (labels sorted by name become the class indices).
    /// - Throws: `TrainingRunError` (`.badDataset` for vectors of another length than the pipeline's).
    public static func train(
        _ vectors: [LabelledVector],
        pipeline: FeaturePipelineConfig,
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig,
        progress: @escaping (String) -> Void = { _ in }
    ) throws(TrainingRunError) -> TrainedModel {
        let prepared = try prepare(
            vectors,
            pipeline: pipeline,
            datasetHash: datasetHash,
            name: name,
            version: version,
            config: config
        )
        return try ExportPipeline(config: config, progress: progress).run(prepared)
    }

    /// The split, standardised vectors and metadata ``train(_:pipeline:datasetHash:name:version:config:progress:)``
    /// trains on.
    /// - Throws: `TrainingRunError` `.badDataset`, `.unsupportedModel` for a CNN on a pipeline of statistics.
    public static func prepare(
        _ vectors: [LabelledVector],
        pipeline: FeaturePipelineConfig,
        datasetHash: String,
        name: String,
        version: Int,
        config: TrainingConfig
    ) throws(TrainingRunError) -> PreparedTraining {
        // Refuse a CNN on statistics before any work.
        _ = try PreparedTraining.inputShape(of: pipeline, for: config)
        if let bad = vectors.firstIndex(where: { $0.values.count != pipeline.featureCount }) {
            throw TrainingRunError(
                .badDataset,
                "vector \(bad): \(vectors[bad].values.count) values, the pipeline gives \(pipeline.featureCount)"
            )
        }
        let (labelNames, labels) = PreparedTraining.classes(of: vectors.map(\.label))
        let raw = vectors.map { unstandardised($0.values, by: pipeline.standardization) }
        let parts = try DatasetSplit.stratifiedIndices(
            labels: labels,
            classes: labelNames.count,
            validationFraction: config.validationFraction,
            testFraction: config.testFraction,
            seed: config.seed
        )
        var fitted = pipeline
        let standardization = WindowFeatures.standardization(fitting: parts.train.map { raw[$0] }, pipeline: pipeline)
        fitted.standardization = standardization
        return try PreparedTraining(
            samples: LabelledSamples(inputs: raw.map { standardised($0, by: standardization) }, labels: labels),
            parts: parts,
            labelNames: labelNames,
            pipeline: fitted,
            datasetHash: datasetHash,
            name: name,
            version: version,
            config: config
        )
    }

    /// The raw features of a vector made under `standardization` (itself when nil).
    static func unstandardised(_ values: [Float], by standardization: Standardization?) -> [Float] {
        guard let standardization else { return values }
        return values.indices.map { index in
            Float(Double(values[index]) * standardization.stds[index] + standardization.means[index])
        }
    }

    /// `values` standardised as the device's ``FeatureExtractor`` does it (in Double, then rounded to Float).
    static func standardised(_ values: [Float], by standardization: Standardization) -> [Float] {
        values.indices.map { index in
            Float((Double(values[index]) - standardization.means[index]) * (1 / standardization.stds[index]))
        }
    }
}
