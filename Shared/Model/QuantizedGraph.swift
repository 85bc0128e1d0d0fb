/// An int8 artifact's layers with their shapes, quantization and integer weights in plain arrays: what both the
/// scalar reference engine and the prepared ``Interpreter`` start from.
struct QuantizedGraph {
    struct Layer {
        var spec: LayerSpec
        /// Channel-major input shape.
        var inputShape: [Int]
        var outputShape: [Int]
        var input: QuantizationParameters
        var output: QuantizationParameters
        /// `[units, inputs]` or `[filters, channels, kernel]`, zero point 0; empty for other layers.
        var weights: [Int8] = []
        var bias: [Int32] = []
        var channelScales: [Float] = []
    }

    var inputShape: [Int]
    var input: QuantizationParameters
    var layers: [Layer]
    var labels: [String]

    /// The graph of a validated artifact.
    ///
    /// - Throws: `ArtifactError.unsupportedModel` for a float artifact.
    init(_ artifact: ModelArtifact) throws(ArtifactError) {
        let manifest = artifact.manifest
        guard manifest.precision == .int8, let inputQuantization = manifest.input.quantization,
            let outputs = manifest.activationQuantization
        else {
            throw ArtifactError(.unsupportedModel, "precision", "the int8 runtime needs an int8 artifact")
        }
        inputShape = manifest.input.shape
        input = inputQuantization
        labels = manifest.labels
        layers = []
        var shape = inputShape
        var quantization = inputQuantization
        for (index, spec) in manifest.layers.enumerated() {
            let outputShape = try spec.outputShape(input: shape, index: index)
            var layer = Layer(
                spec: spec,
                inputShape: shape,
                outputShape: outputShape,
                input: quantization,
                output: outputs[index]
            )
            let names: (weights: String, bias: String)? =
                switch spec {
                case .dense(let dense): (dense.weights, dense.bias)
                case .conv1D(let conv): (conv.weights, conv.bias)
                default: nil
                }
            if let names {
                let weights = artifact.tensor(names.weights)
                layer.weights = artifact.int8s(weights)
                layer.channelScales = weights.channelScales.map { artifact.floats(artifact.tensor($0)) } ?? []
                layer.bias = artifact.int32s(artifact.tensor(names.bias))
            }
            layers.append(layer)
            shape = outputShape
            quantization = outputs[index]
        }
    }
}

/// Requantization constants shared by the int8 engines.
enum Requantization {
    /// One (multiplier, shift) per output channel for `input_scale · weight_scale[c] / output_scale`.
    static func multipliers(
        input: QuantizationParameters,
        channelScales: [Float],
        output: QuantizationParameters
    ) -> [(multiplier: Int32, shift: Int32)] {
        channelScales.map {
            FixedPoint.quantizeMultiplier(Double(input.scale) * Double($0) / Double(output.scale))
        }
    }

    /// The int8 range a fused activation leaves, in the output's quantized units.
    static func bounds(_ activation: FusedActivation, _ output: QuantizationParameters) -> ClosedRange<Int32> {
        switch activation {
        case .none:
            return -128...127
        case .relu:
            return max(-128, output.zeroPoint)...127
        case .relu6:
            let six = output.zeroPoint + Int32(clamping: Int64((6 / output.scale).rounded(.toNearestOrAwayFromZero)))
            return max(-128, output.zeroPoint)...max(max(-128, output.zeroPoint), min(127, six))
        }
    }

    /// `clamp(round(value / scale) + zeroPoint, -128, 127)`, ties away from zero, as TFLite's Quantize.
    @inline(__always)
    static func quantize(_ value: Float, _ parameters: QuantizationParameters) -> Int8 {
        let scaled = Double(min(max(value / parameters.scale, -1024), 1024))
        // x ± 0.5 is exact in Double for any Float x, so truncating it rounds ties away from zero, as roundf does,
        // without a libm call on baseline x86-64.
        let rounded = Int32(scaled + (scaled >= 0 ? 0.5 : -0.5))
        return Int8(clamping: rounded + parameters.zeroPoint)
    }

    /// ``quantize(_:_:)`` of four values at once, as int32, without a libm call or a float-to-int conversion that
    /// could trap: ties are rounded away from zero by rounding the magnitude to nearest-even with the `2^23` trick,
    /// then adding one where that rounded a tie down; the integer is read from the float's bits (`1.5 · 2^23` trick).
    /// The magnitude is clamped to 1024 on its bit pattern (non-negative floats order as their bits), and every
    /// other clamp is an integer one, so baseline x86-64 keeps it all in vectors (float clamps went lane by lane).
    @inline(__always)
    static func quantize4(_ values: SIMD4<Float>, _ parameters: QuantizationParameters) -> SIMD4<Int32> {
        let bits = unsafeBitCast(values / SIMD4(repeating: parameters.scale), to: SIMD4<Int32>.self)
        var magnitudeBits = bits & 0x7FFF_FFFF
        let limit = Int32(bitPattern: (1024 as Float).bitPattern)
        magnitudeBits.replace(with: limit, where: magnitudeBits .> limit)
        let magnitude = unsafeBitCast(magnitudeBits, to: SIMD4<Float>.self)
        let even = (magnitude + 8_388_608) - 8_388_608
        let rounded = even.replacing(with: even + 1, where: even - magnitude .== -0.5)
        var integer = unsafeBitCast(rounded + 12_582_912, to: SIMD4<Int32>.self) &- 0x4B40_0000
        integer.replace(with: 0 &- integer, where: bits .< 0)
        integer &+= SIMD4(repeating: parameters.zeroPoint)
        integer.replace(with: -128, where: integer .< -128)
        integer.replace(with: 127, where: integer .> 127)
        return integer
    }

    /// `scale · (q − zeroPoint)`.
    @inline(__always)
    static func dequantize(_ value: Int8, _ parameters: QuantizationParameters) -> Float {
        parameters.scale * Float(Int32(value) - parameters.zeroPoint)
    }

    /// Mean of `sum` over `count` values, rounded to nearest with ties away from zero (TFLite's average pool).
    @inline(__always)
    static func roundedMean(_ sum: Int32, _ count: Int32) -> Int32 {
        sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count
    }
}
