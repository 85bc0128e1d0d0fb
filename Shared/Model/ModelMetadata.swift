import SignalFeatures

/// The descriptive part of a manifest, everything but layers and tensors: what a trainer or quantizer passes
/// through unchanged when it writes an artifact.
public struct ModelMetadata: Sendable, Hashable {
    /// Model name.
    public var name: String
    /// Version, ≥ 1.
    public var version: Int
    /// Class labels, one per output.
    public var labels: [String]
    /// Feature pipeline, nil for a raw input vector.
    public var featurePipeline: FeaturePipelineConfig?
    /// Where the model came from.
    public var lineage: ModelLineage
    /// Evaluation figures.
    public var metrics: [String: Double]
    /// Training distribution of the inputs.
    public var driftReference: DriftReference?

    /// Metadata with the given fields.
    public init(
        name: String,
        version: Int,
        labels: [String],
        featurePipeline: FeaturePipelineConfig? = nil,
        lineage: ModelLineage = ModelLineage(),
        metrics: [String: Double] = [:],
        driftReference: DriftReference? = nil
    ) {
        self.name = name
        self.version = version
        self.labels = labels
        self.featurePipeline = featurePipeline
        self.lineage = lineage
        self.metrics = metrics
        self.driftReference = driftReference
    }

    /// The metadata of an existing manifest.
    public init(_ manifest: ModelManifest) {
        self.init(
            name: manifest.name,
            version: manifest.version,
            labels: manifest.labels,
            featurePipeline: manifest.featurePipeline,
            lineage: manifest.lineage,
            metrics: manifest.metrics,
            driftReference: manifest.driftReference
        )
    }
}
