/// Post-training full-integer quantization of a ``FloatNetwork`` into an int8 artifact, as TFLite does it: weights
/// int8 symmetric per output channel in [−127, 127] (scale = max|w| / 127, zero point 0); activations int8
/// asymmetric per tensor, calibrated on representative inputs; bias int32 with scale `input_scale · weight_scale`;
/// ReLU and ReLU6 that follow a dense or convolution layer are fused into it. Rounding is to nearest, ties away
/// from zero.
public struct PostTrainingQuantizer: Sendable {
    /// How activation ranges are taken from the calibration values.
    public var method: CalibrationMethod

    /// A quantizer using `method`.
    public init(method: CalibrationMethod = .minMax) {
        self.method = method
    }

    /// The int8 artifact of `network`, calibrated on `calibration` (channel-major inputs).
    ///
    /// - Throws: `ArtifactError` when the network or metadata are invalid, `.badQuantization` when `calibration`
    ///   is empty, holds a wrong-sized or non-finite input.
    public func quantize(
        _ network: FloatNetwork,
        calibration: [[Float]],
        metadata: ModelMetadata
    ) throws(ArtifactError) -> ModelArtifact {
        let fused = network.fusingActivations()
        _ = try fused.validatedShapes()
        guard !calibration.isEmpty else {
            throw ArtifactError(.badQuantization, "calibration", "no calibration inputs")
        }
        var seen = [[Float]](repeating: [], count: fused.layers.count)
        var inputs: [Float] = []
        for sample in calibration {
            let outputs: [[Float]]
            do {
                outputs = try fused.activations(for: sample)
            } catch {
                throw ArtifactError(.badQuantization, "calibration", error.description)
            }
            inputs += sample
            for index in outputs.indices { seen[index] += outputs[index] }
        }
        let input = CalibrationMethod.parameters(for: method.range(of: inputs))
        var writer = TensorDataWriter()
        var specs: [LayerSpec] = []
        var outputs: [QuantizationParameters] = []
        var current = input
        for (index, layer) in fused.layers.enumerated() {
            let spec = layer.spec(index: index)
            let output: QuantizationParameters
            switch spec {
            case .softmax:
                output = QuantizationParameters(scale: 1.0 / 256, zeroPoint: -128)
            case _ where spec.keepsQuantization:
                output = current
            default:
                output = CalibrationMethod.parameters(for: method.range(of: seen[index]))
            }
            switch spec {
            case .dense(let dense):
                let inputsPerUnit = layer.weights.count / dense.units
                let shape = [dense.units, inputsPerUnit]
                write(layer, shape: shape, names: (dense.weights, dense.bias), input: current, into: &writer)
            case .conv1D(let conv):
                let shape = [conv.filters, layer.weights.count / (conv.filters * conv.kernel), conv.kernel]
                write(layer, shape: shape, names: (conv.weights, conv.bias), input: current, into: &writer)
            default:
                break
            }
            specs.append(spec)
            outputs.append(output)
            current = output
        }
        let manifest = ModelManifest(
            metadata,
            input: InputSpec(shape: fused.inputShape, quantization: input),
            precision: .int8,
            layers: specs,
            activationQuantization: outputs,
            tensors: writer.tensors,
            sparsity: network.sparsity
        )
        return try ModelArtifact(manifest: manifest, data: writer.data)
    }

    private func write(
        _ layer: FloatLayer,
        shape: [Int],
        names: (weights: String, bias: String),
        input: QuantizationParameters,
        into writer: inout TensorDataWriter
    ) {
        let channels = shape[0]
        let perChannel = layer.weights.count / channels
        var quantized: [Int8] = []
        var scales: [Float] = []
        var bias: [Int32] = []
        for channel in 0..<channels {
            let row = layer.weights[(channel * perChannel)..<((channel + 1) * perChannel)]
            let largest = row.reduce(Float(0)) { max($0, abs($1)) }
            // An all-zero channel (pruned) keeps a harmless scale; its weights quantize to 0 either way.
            let scale = largest > 0 ? largest / 127 : 1
            scales.append(scale)
            quantized += row.map { Int8(min(max(($0 / scale).rounded(.toNearestOrAwayFromZero), -127), 127)) }
            let biasScale = Double(input.scale) * Double(scale)
            let value = (Double(layer.bias[channel]) / biasScale).rounded(.toNearestOrAwayFromZero)
            bias.append(Int32(min(max(value, Double(Int32.min)), Double(Int32.max))))
        }
        writer.append(names.weights, quantized, shape: shape, channelScales: scales)
        writer.append(names.bias, bias, shape: [channels])
    }
}

extension FloatNetwork {
    /// The same network with every ReLU or ReLU6 that directly follows a dense or convolution layer without an
    /// activation folded into that layer.
    public func fusingActivations() -> FloatNetwork {
        var fused: [FloatLayer] = []
        for layer in layers {
            let activation: FusedActivation? =
                switch layer {
                case .relu: .relu
                case .relu6: .relu6
                default: nil
                }
            if let activation, let last = fused.last {
                switch last {
                case .dense(var dense) where dense.activation == .none:
                    dense.activation = activation
                    fused[fused.count - 1] = .dense(dense)
                    continue
                case .conv1D(var conv) where conv.spec.activation == .none:
                    conv.spec.activation = activation
                    fused[fused.count - 1] = .conv1D(conv)
                    continue
                default:
                    break
                }
            }
            fused.append(layer)
        }
        return FloatNetwork(inputShape: inputShape, layers: fused)
    }
}
