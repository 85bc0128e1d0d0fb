extension FloatNetwork {
    /// The network read from a float32 artifact.
    ///
    /// - Throws: `ArtifactError.unsupportedModel` for an int8 artifact.
    public init(artifact: ModelArtifact) throws(ArtifactError) {
        guard artifact.manifest.precision == .float32 else {
            throw ArtifactError(.unsupportedModel, "precision", "a float network needs a float32 artifact")
        }
        let layers = artifact.manifest.layers.map { spec -> FloatLayer in
            switch spec {
            case .dense(let dense):
                .dense(
                    DenseWeights(
                        units: dense.units,
                        weights: artifact.floats(artifact.tensor(dense.weights)),
                        bias: artifact.floats(artifact.tensor(dense.bias)),
                        activation: dense.activation
                    )
                )
            case .conv1D(let conv):
                .conv1D(
                    Conv1DWeights(
                        filters: conv.filters,
                        kernel: conv.kernel,
                        stride: conv.stride,
                        padding: conv.padding,
                        dilation: conv.dilation,
                        activation: conv.activation,
                        weights: artifact.floats(artifact.tensor(conv.weights)),
                        bias: artifact.floats(artifact.tensor(conv.bias))
                    )
                )
            case .relu: .relu
            case .relu6: .relu6
            case .maxPool1D(let pool): .maxPool1D(pool)
            case .avgPool1D(let pool): .avgPool1D(pool)
            case .globalAvgPool: .globalAvgPool
            case .flatten: .flatten
            case .softmax: .softmax
            }
        }
        self.init(inputShape: artifact.manifest.input.shape, layers: layers)
    }

    /// The network as a float32 artifact with `metadata`; `sparsity` is computed from the weights.
    ///
    /// - Throws: `ArtifactError` when the network or metadata fail validation (for example a weight count that does
    ///   not fit its layer, non-finite weights or metrics).
    public func artifact(_ metadata: ModelMetadata) throws(ArtifactError) -> ModelArtifact {
        _ = try validatedShapes()
        var writer = TensorDataWriter()
        var specs: [LayerSpec] = []
        for (index, layer) in layers.enumerated() {
            let spec = layer.spec(index: index)
            switch spec {
            case .dense(let dense):
                writer.append(dense.weights, layer.weights, shape: [dense.units, layer.weights.count / dense.units])
                writer.append(dense.bias, layer.bias, shape: [dense.units])
            case .conv1D(let conv):
                let inputs = layer.weights.count / (conv.filters * conv.kernel)
                writer.append(conv.weights, layer.weights, shape: [conv.filters, inputs, conv.kernel])
                writer.append(conv.bias, layer.bias, shape: [conv.filters])
            default:
                break
            }
            specs.append(spec)
        }
        let manifest = ModelManifest(
            metadata,
            input: InputSpec(shape: inputShape),
            precision: .float32,
            layers: specs,
            tensors: writer.tensors,
            sparsity: sparsity
        )
        return try ModelArtifact(manifest: manifest, data: writer.data)
    }

    /// Fraction of dense and convolution weights that are exactly zero.
    public var sparsity: Double {
        let weights = layers.map(\.weights)
        let total = weights.reduce(0) { $0 + $1.count }
        let zeros = weights.reduce(0) { $0 + $1.count { $0 == 0 } }
        return total == 0 ? 0 : Double(zeros) / Double(total)
    }
}
