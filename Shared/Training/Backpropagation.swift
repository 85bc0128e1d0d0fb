import EdgeModel

/// The backward pass of each layer kind: from the gradient of the loss with respect to a layer's output, the
/// gradients of its weights and bias (accumulated) and the gradient with respect to its input.
enum Backpropagation {
    /// One layer's backward step. `input` and `output` are the layer's forward values, `inputShape` its input shape;
    /// `gradient` is d loss / d output (after the fused activation). Returns d loss / d input.
    static func backward(
        _ layer: FloatLayer,
        inputShape: [Int],
        input: [Float],
        output: [Float],
        gradient: [Float],
        weightGradient: inout [Float],
        biasGradient: inout [Float]
    ) -> [Float] {
        switch layer {
        case .softmax, .flatten:
            return gradient
        case .relu:
            return activation(.relu, output, gradient)
        case .relu6:
            return activation(.relu6, output, gradient)
        case .dense(let dense):
            let local = activation(dense.activation, output, gradient)
            return denseBackward(dense, input, local, &weightGradient, &biasGradient)
        case .conv1D(let conv):
            let local = activation(conv.spec.activation, output, gradient)
            return convBackward(conv, inputShape, input, local, &weightGradient, &biasGradient)
        case .maxPool1D(let pool):
            return poolBackward(pool, inputShape, input, gradient, average: false)
        case .avgPool1D(let pool):
            return poolBackward(pool, inputShape, input, gradient, average: true)
        case .globalAvgPool:
            let length = inputShape[1]
            return poolBackward(PoolSpec(size: length, stride: length), inputShape, input, gradient, average: true)
        }
    }

    /// The gradient through a fused or standalone activation: zero where the activation was flat.
    private static func activation(_ kind: FusedActivation, _ output: [Float], _ gradient: [Float]) -> [Float] {
        let upper: Float
        switch kind {
        case .none: return gradient
        case .relu: upper = .infinity
        case .relu6: upper = 6
        }
        return zip(gradient, output).map { 0 < $1 && $1 < upper ? $0 : 0 }
    }

    private static func denseBackward(
        _ dense: DenseWeights,
        _ input: [Float],
        _ gradient: [Float],
        _ weightGradient: inout [Float],
        _ biasGradient: inout [Float]
    ) -> [Float] {
        let inputs = input.count
        var result = [Float](repeating: 0, count: inputs)
        weightGradient.withUnsafeMutableBufferPointer { weightsOut in
            result.withUnsafeMutableBufferPointer { out in
                input.withUnsafeBufferPointer { x in
                    dense.weights.withUnsafeBufferPointer { weights in
                        for unit in 0..<dense.units where gradient[unit] != 0 {
                            let g = gradient[unit]
                            let gradientRow = weightsOut.baseAddress! + unit * inputs
                            let row = weights.baseAddress! + unit * inputs
                            for index in 0..<inputs {
                                gradientRow[index] += g * x[index]
                                out[index] += g * row[index]
                            }
                            biasGradient[unit] += g
                        }
                    }
                }
            }
        }
        return result
    }

    private static func convBackward(
        _ conv: Conv1DWeights,
        _ inputShape: [Int],
        _ input: [Float],
        _ gradient: [Float],
        _ weightGradient: inout [Float],
        _ biasGradient: inout [Float]
    ) -> [Float] {
        let spec = conv.spec
        let (channels, length) = (inputShape[0], inputShape[1])
        let outLength = gradient.count / spec.filters
        var result = [Float](repeating: 0, count: input.count)
        for filter in 0..<spec.filters {
            for position in 0..<outLength {
                let g = gradient[filter * outLength + position]
                guard g != 0 else { continue }
                biasGradient[filter] += g
                for channel in 0..<channels {
                    for tap in 0..<spec.kernel {
                        let source = position * spec.stride + tap * spec.dilation - spec.padding
                        guard source >= 0, source < length else { continue }
                        let weightIndex = (filter * channels + channel) * spec.kernel + tap
                        weightGradient[weightIndex] += g * input[channel * length + source]
                        result[channel * length + source] += g * conv.weights[weightIndex]
                    }
                }
            }
        }
        return result
    }

    /// Max pooling sends each window's gradient to its first largest input; average pooling spreads it evenly.
    private static func poolBackward(
        _ pool: PoolSpec,
        _ inputShape: [Int],
        _ input: [Float],
        _ gradient: [Float],
        average: Bool
    ) -> [Float] {
        let (channels, length) = (inputShape[0], inputShape[1])
        let outLength = gradient.count / channels
        var result = [Float](repeating: 0, count: input.count)
        for channel in 0..<channels {
            for position in 0..<outLength {
                let g = gradient[channel * outLength + position]
                let start = channel * length + position * pool.stride
                let window = start..<(start + pool.size)
                if average {
                    for index in window { result[index] += g / Float(pool.size) }
                } else if let best = window.max(by: { input[$0] < input[$1] || (input[$0] == input[$1] && $0 > $1) }) {
                    result[best] += g
                }
            }
        }
        return result
    }
}
