/// A sequential float32 network with its weights in memory: the reference engine that training updates,
/// quantization calibrates on and tests check against numpy.
///
/// Shapes are `[features]` or `[channels, length]`, channel-major, as in ``LayerSpec``.
public struct FloatNetwork: Sendable, Hashable {
    /// Shape of one input.
    public var inputShape: [Int]
    /// The layers, in order.
    public var layers: [FloatLayer]

    /// A network of `layers` reading inputs of `inputShape`; call ``validatedShapes()`` to check that they fit.
    public init(inputShape: [Int], layers: [FloatLayer]) {
        self.inputShape = inputShape
        self.layers = layers
    }

    /// Every layer's output shape, the last one being the network's output.
    ///
    /// - Throws: `ArtifactError.badLayer` when a layer does not fit its input or its weights do not fit the layer.
    public func validatedShapes() throws(ArtifactError) -> [[Int]] {
        guard (1...2).contains(inputShape.count), inputShape.allSatisfy({ $0 >= 1 }) else {
            throw ArtifactError(.badLayer, "input", "shape \(inputShape) must be [features] or [channels, length]")
        }
        var shape = inputShape
        var shapes: [[Int]] = []
        for (index, layer) in layers.enumerated() {
            let output = try layer.spec(index: index).outputShape(input: shape, index: index)
            let expected: (weights: Int, bias: Int)?
            switch layer {
            case .dense(let dense): expected = (dense.units * shape[0], dense.units)
            case .conv1D(let conv): expected = (conv.spec.filters * shape[0] * conv.spec.kernel, conv.spec.filters)
            default: expected = nil
            }
            if let expected, expected != (layer.weights.count, layer.bias.count) {
                throw ArtifactError(.badLayer, "layer \(index)", "weights or bias do not fit input \(shape)")
            }
            shapes.append(output)
            shape = output
        }
        return shapes
    }

    /// Number of values in one output.
    public var outputCount: Int { (try? validatedShapes().last?.reduce(1, *)) ?? 0 }
}

/// One layer of a ``FloatNetwork``.
public enum FloatLayer: Sendable, Hashable {
    /// Fully connected.
    case dense(DenseWeights)
    /// 1-D convolution.
    case conv1D(Conv1DWeights)
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, 0), 6)`.
    case relu6
    /// Maximum over windows along the length axis.
    case maxPool1D(PoolSpec)
    /// Mean over windows along the length axis.
    case avgPool1D(PoolSpec)
    /// Mean over the whole length axis.
    case globalAvgPool
    /// `[channels, length] -> [channels * length]`.
    case flatten
    /// Normalised exponentials; last layer only.
    case softmax

    /// The weights of a dense or convolution layer, empty for the others.
    public var weights: [Float] {
        switch self {
        case .dense(let dense): dense.weights
        case .conv1D(let conv): conv.weights
        default: []
        }
    }

    /// The bias of a dense or convolution layer, empty for the others.
    public var bias: [Float] {
        switch self {
        case .dense(let dense): dense.bias
        case .conv1D(let conv): conv.bias
        default: []
        }
    }

    /// This dense or convolution layer with other weights and bias (same sizes expected, checked by
    /// ``FloatNetwork/validatedShapes()``); other layers are returned unchanged.
    public func replacing(weights: [Float], bias: [Float]) -> FloatLayer {
        switch self {
        case .dense(var dense):
            dense.weights = weights
            dense.bias = bias
            return .dense(dense)
        case .conv1D(var conv):
            conv.weights = weights
            conv.bias = bias
            return .conv1D(conv)
        default:
            return self
        }
    }

    /// The manifest form of this layer, its tensors named `l{index}.w` and `l{index}.b`.
    public func spec(index: Int) -> LayerSpec {
        switch self {
        case .dense(let dense):
            .dense(
                DenseSpec(units: dense.units, weights: "l\(index).w", bias: "l\(index).b", activation: dense.activation)
            )
        case .conv1D(let conv):
            .conv1D(conv.spec.named(weights: "l\(index).w", bias: "l\(index).b"))
        case .relu: .relu
        case .relu6: .relu6
        case .maxPool1D(let pool): .maxPool1D(pool)
        case .avgPool1D(let pool): .avgPool1D(pool)
        case .globalAvgPool: .globalAvgPool
        case .flatten: .flatten
        case .softmax: .softmax
        }
    }
}

/// Weights of a dense layer: `y = W·x + b`, then the fused activation.
public struct DenseWeights: Sendable, Hashable {
    /// Output features.
    public var units: Int
    /// `[units, inputs]`, row-major.
    public var weights: [Float]
    /// `[units]`.
    public var bias: [Float]
    /// Activation applied to the output.
    public var activation: FusedActivation

    /// A dense layer; `weights.count` must be a multiple of `units` and `bias.count == units`.
    public init(units: Int, weights: [Float], bias: [Float], activation: FusedActivation = .none) {
        self.units = units
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }
}

/// Weights of a 1-D convolution: `y[f, t] = b[f] + Σ_c Σ_k W[f, c, k] · x[c, t·stride + k·dilation − padding]`,
/// zeros outside the input, then the fused activation.
public struct Conv1DWeights: Sendable, Hashable {
    /// Filters, kernel, stride, padding, dilation and activation (tensor names unused).
    public var spec: Conv1DSpec
    /// `[filters, inputChannels, kernel]`, row-major.
    public var weights: [Float]
    /// `[filters]`.
    public var bias: [Float]

    /// A convolution with the given geometry and weights.
    public init(
        filters: Int,
        kernel: Int,
        stride: Int = 1,
        padding: Int = 0,
        dilation: Int = 1,
        activation: FusedActivation = .none,
        weights: [Float],
        bias: [Float]
    ) {
        spec = Conv1DSpec(
            filters: filters,
            kernel: kernel,
            stride: stride,
            padding: padding,
            dilation: dilation,
            weights: "",
            bias: "",
            activation: activation
        )
        self.weights = weights
        self.bias = bias
    }
}

extension Conv1DSpec {
    /// The same geometry reading the named tensors.
    func named(weights: String, bias: String) -> Conv1DSpec {
        var spec = self
        spec.weights = weights
        spec.bias = bias
        return spec
    }
}
