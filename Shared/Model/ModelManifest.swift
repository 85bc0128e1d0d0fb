import SignalFeatures

/// The JSON manifest at the head of an `.edgemodel` body (DESIGN.md, "Model artifact"): what the model is, what it
/// reads, its layers and where each tensor sits in the data section that follows.
public struct ModelManifest: Codable, Sendable, Hashable {
    /// Model name, 1...128 characters.
    public var name: String
    /// Version, ≥ 1, strictly increasing per name.
    public var version: Int
    /// Class labels, one per model output.
    public var labels: [String]
    /// Shape and quantization of the input.
    public var input: InputSpec
    /// How the feature vector is computed from sensor samples; nil when the input is a raw vector (digits).
    public var featurePipeline: FeaturePipelineConfig?
    /// Number format of weights and activations.
    public var precision: Precision
    /// The layers, in order.
    public var layers: [LayerSpec]
    /// For int8 models, the quantization of each layer's output, one per layer; nil for float models.
    public var activationQuantization: [QuantizationParameters]?
    /// The tensors in the data section.
    public var tensors: [TensorInfo]
    /// Fraction of weights that are exactly zero after pruning, 0...1.
    public var sparsity: Double
    /// Where the model came from.
    public var lineage: ModelLineage
    /// Evaluation figures by name, for example `"accuracy"`.
    public var metrics: [String: Double]
    /// Training distribution of every input feature, for drift detection; nil when not recorded.
    public var driftReference: DriftReference?

    /// A manifest of `metadata` (name, version, labels, pipeline, lineage, metrics, drift reference) and the
    /// model's structure.
    public init(
        _ metadata: ModelMetadata,
        input: InputSpec,
        precision: Precision,
        layers: [LayerSpec],
        activationQuantization: [QuantizationParameters]? = nil,
        tensors: [TensorInfo],
        sparsity: Double
    ) {
        name = metadata.name
        version = metadata.version
        labels = metadata.labels
        featurePipeline = metadata.featurePipeline
        lineage = metadata.lineage
        metrics = metadata.metrics
        driftReference = metadata.driftReference
        self.input = input
        self.precision = precision
        self.layers = layers
        self.activationQuantization = activationQuantization
        self.tensors = tensors
        self.sparsity = sparsity
    }

    enum CodingKeys: String, CodingKey {
        case name
        case version
        case labels
        case input
        case featurePipeline = "feature_pipeline"
        case precision
        case layers
        case activationQuantization = "activation_quantization"
        case tensors
        case sparsity
        case lineage
        case metrics
        case driftReference = "drift_reference"
    }
}

/// Number format of a model's weights and activations.
public enum Precision: String, Codable, Sendable, Hashable {
    /// float32 weights and activations: the reference engine.
    case float32
    /// int8 weights (per-channel symmetric) and activations (per-tensor asymmetric), int32 bias.
    case int8
}

/// The input the model reads.
public struct InputSpec: Codable, Sendable, Hashable {
    /// `[features]` or `[channels, length]`.
    public var shape: [Int]
    /// For int8 models, how float inputs are quantized; nil for float models.
    public var quantization: QuantizationParameters?

    /// An input of `shape`.
    public init(shape: [Int], quantization: QuantizationParameters? = nil) {
        self.shape = shape
        self.quantization = quantization
    }
}

/// Affine quantization of one tensor: `real = scale · (q − zeroPoint)`.
public struct QuantizationParameters: Codable, Sendable, Hashable {
    /// Step between adjacent integer values, > 0 and finite.
    public var scale: Float
    /// The integer that stands for real 0, in -128...127.
    public var zeroPoint: Int32

    /// Parameters with the given scale and zero point.
    public init(scale: Float, zeroPoint: Int32) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    enum CodingKeys: String, CodingKey {
        case scale
        case zeroPoint = "zero_point"
    }
}

/// Training lineage of a model, kept in its manifest and, the same type, beside it in the hub's registry.
/// Every field is optional, so JSON written before a field existed still decodes.
public struct ModelLineage: Codable, Sendable, Hashable {
    /// Content hash of the training dataset snapshot, if trained centrally.
    public var datasetHash: String?
    /// Version this model was derived from (fine-tuned, pruned, quantized or aggregated), if any.
    public var parentVersion: Int?
    /// Federated round that produced it, if any.
    public var federatedRound: Int?
    /// The training configuration as the trainer recorded it (JSON text, keys sorted), if any.
    public var trainingConfig: String?

    /// A lineage with the given fields.
    public init(
        datasetHash: String? = nil,
        parentVersion: Int? = nil,
        federatedRound: Int? = nil,
        trainingConfig: String? = nil
    ) {
        self.datasetHash = datasetHash
        self.parentVersion = parentVersion
        self.federatedRound = federatedRound
        self.trainingConfig = trainingConfig
    }

    enum CodingKeys: String, CodingKey {
        case datasetHash = "dataset_hash"
        case parentVersion = "parent_version"
        case federatedRound = "federated_round"
        case trainingConfig = "training_config"
    }
}
