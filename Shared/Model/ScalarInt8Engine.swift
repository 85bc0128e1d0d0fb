/// The straightforward int8 engine: channel-major loops over the quantized graph exactly as the arithmetic is
/// written, `acc = bias + Σ (x − x_zp) · w` in int32, then TFLite requantization. No SIMD, no precomputed terms,
/// no layout changes: it is what ``Interpreter`` must equal bit for bit.
public struct ScalarInt8Engine: Sendable {
    private let graph: QuantizedGraph

    /// The engine for a validated int8 artifact.
    ///
    /// - Throws: `ArtifactError.unsupportedModel` for a float artifact.
    public init(artifact: ModelArtifact) throws(ArtifactError) {
        graph = try QuantizedGraph(artifact)
    }

    /// The int8 output of the last layer before any softmax, for one channel-major input.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input.
    public func run(_ input: [Float]) throws(InferenceError) -> [Int8] {
        try input.withUnsafeBufferPointer { buffer throws(InferenceError) in
            try InferenceError.check(buffer, elements: graph.inputShape.reduce(1, *), batch: 1)
        }
        var values = input.map { Requantization.quantize($0, graph.input) }
        for layer in graph.layers {
            values = Self.run(layer, values)
        }
        return values
    }

    private static func run(_ layer: QuantizedGraph.Layer, _ x: [Int8]) -> [Int8] {
        let zeroPoint = layer.input.zeroPoint
        switch layer.spec {
        case .dense(let spec):
            let inputs = x.count
            let factors = Requantization.multipliers(
                input: layer.input,
                channelScales: layer.channelScales,
                output: layer.output
            )
            let bounds = Requantization.bounds(spec.activation, layer.output)
            return (0..<spec.units).map { unit in
                var acc = layer.bias[unit]
                for index in 0..<inputs {
                    acc &+= (Int32(x[index]) - zeroPoint) &* Int32(layer.weights[unit * inputs + index])
                }
                return requantize(acc, factors[unit], layer.output, bounds)
            }
        case .conv1D(let spec):
            let (channels, length) = (layer.inputShape[0], layer.inputShape[1])
            let outLength = layer.outputShape[1]
            let factors = Requantization.multipliers(
                input: layer.input,
                channelScales: layer.channelScales,
                output: layer.output
            )
            let bounds = Requantization.bounds(spec.activation, layer.output)
            var output: [Int8] = []
            for filter in 0..<spec.filters {
                for position in 0..<outLength {
                    var acc = layer.bias[filter]
                    for channel in 0..<channels {
                        for tap in 0..<spec.kernel {
                            let source = position * spec.stride + tap * spec.dilation - spec.padding
                            guard source >= 0, source < length else { continue }
                            let weight = layer.weights[(filter * channels + channel) * spec.kernel + tap]
                            acc &+= (Int32(x[channel * length + source]) - zeroPoint) &* Int32(weight)
                        }
                    }
                    output.append(requantize(acc, factors[filter], layer.output, bounds))
                }
            }
            return output
        case .relu:
            return x.map { Int8(max(Int32($0), zeroPoint)) }
        case .relu6:
            let bounds = Requantization.bounds(.relu6, layer.output)
            return x.map { Int8(min(max(Int32($0), bounds.lowerBound), bounds.upperBound)) }
        case .maxPool1D(let pool), .avgPool1D(let pool):
            let average = if case .avgPool1D = layer.spec { true } else { false }
            return self.pool(x, layer.inputShape, pool, average: average)
        case .globalAvgPool:
            let length = layer.inputShape[1]
            return pool(x, layer.inputShape, PoolSpec(size: length, stride: length), average: true)
        case .flatten, .softmax:
            return x
        }
    }

    private static func pool(_ x: [Int8], _ shape: [Int], _ spec: PoolSpec, average: Bool) -> [Int8] {
        let (channels, length) = (shape[0], shape[1])
        let outLength = (length - spec.size) / spec.stride + 1
        var output: [Int8] = []
        for channel in 0..<channels {
            for position in 0..<outLength {
                let window = x[(channel * length + position * spec.stride)...].prefix(spec.size)
                if average {
                    let sum = window.reduce(Int32(0)) { $0 + Int32($1) }
                    output.append(Int8(Requantization.roundedMean(sum, Int32(spec.size))))
                } else {
                    output.append(window.max()!)
                }
            }
        }
        return output
    }

    private static func requantize(
        _ acc: Int32,
        _ factor: (multiplier: Int32, shift: Int32),
        _ output: QuantizationParameters,
        _ bounds: ClosedRange<Int32>
    ) -> Int8 {
        let scaled = FixedPoint.multiplyByQuantizedMultiplier(acc, factor.multiplier, factor.shift)
        let shifted = Int64(scaled) + Int64(output.zeroPoint)
        return Int8(min(max(shifted, Int64(bounds.lowerBound)), Int64(bounds.upperBound)))
    }
}
