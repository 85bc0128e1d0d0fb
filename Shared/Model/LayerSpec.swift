/// One layer of a sequential model as the manifest stores it: its operation and parameters, weights by tensor
/// name. Shapes are `[features]` (rank 1) or `[channels, length]` (rank 2, channel-major).
///
/// JSON: an object with an `"op"` key (`dense`, `conv1d`, `relu`, `relu6`, `max_pool1d`, `avg_pool1d`,
/// `global_avg_pool`, `flatten`, `softmax`) and the operation's fields beside it.
public enum LayerSpec: Sendable, Hashable {
    /// Fully connected: `[in] -> [units]`, weights `[units, in]`, bias `[units]`.
    case dense(DenseSpec)
    /// 1-D convolution: `[in, length] -> [filters, outLength]`, weights `[filters, in, kernel]`, bias `[filters]`.
    case conv1D(Conv1DSpec)
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, 0), 6)`.
    case relu6
    /// Maximum over windows along the length axis.
    case maxPool1D(PoolSpec)
    /// Mean over windows along the length axis.
    case avgPool1D(PoolSpec)
    /// Mean over the whole length axis: `[channels, length] -> [channels]`.
    case globalAvgPool
    /// `[channels, length] -> [channels * length]`, channel-major.
    case flatten
    /// Normalised exponentials of a rank-1 tensor; only as the last layer.
    case softmax
}

/// An activation fused into the preceding dense or convolution layer.
public enum FusedActivation: String, Codable, Sendable, Hashable {
    /// Identity.
    case none
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, 0), 6)`.
    case relu6
}

/// Parameters of a dense layer.
public struct DenseSpec: Codable, Sendable, Hashable {
    /// Output features.
    public var units: Int
    /// Name of the weight tensor, shape `[units, in]`.
    public var weights: String
    /// Name of the bias tensor, shape `[units]`.
    public var bias: String
    /// Activation applied to the output.
    public var activation: FusedActivation

    /// A dense layer reading the named tensors.
    public init(units: Int, weights: String, bias: String, activation: FusedActivation = .none) {
        self.units = units
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }
}

/// Parameters of a 1-D convolution. Output length = `(length + 2·padding − dilation·(kernel − 1) − 1) / stride + 1`.
public struct Conv1DSpec: Codable, Sendable, Hashable {
    /// Output channels.
    public var filters: Int
    /// Kernel width, samples.
    public var kernel: Int
    /// Step between output positions, samples (≥ 1).
    public var stride: Int
    /// Zeros added at each end of the length axis, samples (≥ 0, < dilated kernel width).
    public var padding: Int
    /// Spacing between kernel taps, samples (≥ 1).
    public var dilation: Int
    /// Name of the weight tensor, shape `[filters, in, kernel]`.
    public var weights: String
    /// Name of the bias tensor, shape `[filters]`.
    public var bias: String
    /// Activation applied to the output.
    public var activation: FusedActivation

    /// A convolution reading the named tensors.
    public init(
        filters: Int,
        kernel: Int,
        stride: Int = 1,
        padding: Int = 0,
        dilation: Int = 1,
        weights: String,
        bias: String,
        activation: FusedActivation = .none
    ) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }
}

/// Window and step of a 1-D pooling layer (no padding; a partial last window is dropped).
public struct PoolSpec: Codable, Sendable, Hashable {
    /// Window width, samples (≥ 1).
    public var size: Int
    /// Step between windows, samples (≥ 1).
    public var stride: Int

    /// A pooling window of `size` moved by `stride`.
    public init(size: Int, stride: Int) {
        self.size = size
        self.stride = stride
    }
}

extension LayerSpec: Codable {
    private enum Op: String, Codable {
        case dense
        case conv1d
        case relu
        case relu6
        case maxPool1d = "max_pool1d"
        case avgPool1d = "avg_pool1d"
        case globalAvgPool = "global_avg_pool"
        case flatten
        case softmax
    }

    private enum OpKey: String, CodingKey {
        case op
    }

    /// Reads `{"op": ..., fields...}`; throws `DecodingError` for an unknown op or missing fields.
    public init(from decoder: any Decoder) throws {
        let op = try decoder.container(keyedBy: OpKey.self).decode(Op.self, forKey: .op)
        switch op {
        case .dense: self = .dense(try DenseSpec(from: decoder))
        case .conv1d: self = .conv1D(try Conv1DSpec(from: decoder))
        case .relu: self = .relu
        case .relu6: self = .relu6
        case .maxPool1d: self = .maxPool1D(try PoolSpec(from: decoder))
        case .avgPool1d: self = .avgPool1D(try PoolSpec(from: decoder))
        case .globalAvgPool: self = .globalAvgPool
        case .flatten: self = .flatten
        case .softmax: self = .softmax
        }
    }

    /// Writes `{"op": ..., fields...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: OpKey.self)
        switch self {
        case .dense(let spec):
            try container.encode(Op.dense, forKey: .op)
            try spec.encode(to: encoder)
        case .conv1D(let spec):
            try container.encode(Op.conv1d, forKey: .op)
            try spec.encode(to: encoder)
        case .relu: try container.encode(Op.relu, forKey: .op)
        case .relu6: try container.encode(Op.relu6, forKey: .op)
        case .maxPool1D(let spec):
            try container.encode(Op.maxPool1d, forKey: .op)
            try spec.encode(to: encoder)
        case .avgPool1D(let spec):
            try container.encode(Op.avgPool1d, forKey: .op)
            try spec.encode(to: encoder)
        case .globalAvgPool: try container.encode(Op.globalAvgPool, forKey: .op)
        case .flatten: try container.encode(Op.flatten, forKey: .op)
        case .softmax: try container.encode(Op.softmax, forKey: .op)
        }
    }
}
