import Foundation

/// The float32 kernels of the reference engine, on channel-major buffers. Callers size the buffers from the shapes
/// that ``FloatNetwork/validatedShapes()`` checked.
enum FloatKernels {
    /// `output[o] = bias[o] + Σ_i weights[o, i] · input[i]`, then `activation`.
    static func dense(
        _ input: UnsafeBufferPointer<Float>,
        _ layer: DenseWeights,
        _ output: UnsafeMutableBufferPointer<Float>
    ) {
        let inputs = input.count
        layer.weights.withUnsafeBufferPointer { weights in
            let x = input.baseAddress!
            var unit = 0
            // Four rows share every input load; each row's sum keeps the order of ``dot(_:_:_:)``.
            while unit + 4 <= layer.units {
                let sums = dot4(x, weights.baseAddress! + unit * inputs, inputs)
                for row in 0..<4 { output[unit + row] = layer.bias[unit + row] + sums[row] }
                unit += 4
            }
            while unit < layer.units {
                output[unit] = layer.bias[unit] + dot(x, weights.baseAddress! + unit * inputs, inputs)
                unit += 1
            }
        }
        activate(output, layer.activation)
    }

    /// ``dot(_:_:_:)`` of `a` with the four rows `b + r · count`, each summed in the same order as one `dot` call.
    @inline(__always)
    static func dot4(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> SIMD4<Float> {
        var lanes = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            lanes.0 += x * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            lanes.1 += x * UnsafeRawPointer(b + (count + index)).loadUnaligned(as: SIMD8<Float>.self)
            lanes.2 += x * UnsafeRawPointer(b + (2 * count + index)).loadUnaligned(as: SIMD8<Float>.self)
            lanes.3 += x * UnsafeRawPointer(b + (3 * count + index)).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var sums = SIMD4(lanes.0.sum(), lanes.1.sum(), lanes.2.sum(), lanes.3.sum())
        while index < count {
            for row in 0..<4 { sums[row] += a[index] * b[row * count + index] }
            index += 1
        }
        return sums
    }

    /// `Σ a[i] · b[i]` over `count` values, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            lanes += x * y
            index += 8
        }
        var sum = lanes.sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// Convolution of `input` (`[channels, length]`) into `output` (`[filters, outLength]`), then the activation.
    static func conv1D(
        _ input: UnsafeBufferPointer<Float>,
        channels: Int,
        _ layer: Conv1DWeights,
        _ output: UnsafeMutableBufferPointer<Float>
    ) {
        let spec = layer.spec
        let length = input.count / channels
        let outLength = output.count / spec.filters
        layer.weights.withUnsafeBufferPointer { weights in
            for filter in 0..<spec.filters {
                let row = output.baseAddress! + filter * outLength
                row.update(repeating: layer.bias[filter], count: outLength)
                for channel in 0..<channels {
                    let source = input.baseAddress! + channel * length
                    for tap in 0..<spec.kernel {
                        let weight = weights[(filter * channels + channel) * spec.kernel + tap]
                        let shift = tap &* spec.dilation &- spec.padding
                        // Output positions whose input index t·stride + shift lies inside 0..<length.
                        let first = shift >= 0 ? 0 : (-shift + spec.stride - 1) / spec.stride
                        let last = min(
                            outLength - 1,
                            (length - 1 - shift) >= 0 ? (length - 1 - shift) / spec.stride : -1
                        )
                        guard first <= last else { continue }
                        if spec.stride == 1 {
                            axpy(weight, source + (first &+ shift), row + first, last &- first &+ 1)
                        } else {
                            var position = first
                            while position <= last {
                                row[position] += weight * source[position &* spec.stride &+ shift]
                                position &+= 1
                            }
                        }
                    }
                }
            }
        }
        activate(output, spec.activation)
    }

    /// `y[i] += a · x[i]` for `count` values, eight lanes at a time.
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        let scale = SIMD8<Float>(repeating: a)
        var index = 0
        while index &+ 8 <= count {
            let sum =
                UnsafeRawPointer(y + index).loadUnaligned(as: SIMD8<Float>.self)
                + scale * UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: sum, as: SIMD8<Float>.self)
            index &+= 8
        }
        while index < count {
            y[index] += a * x[index]
            index &+= 1
        }
    }

    /// Applies a fused activation in place.
    static func activate(_ values: UnsafeMutableBufferPointer<Float>, _ activation: FusedActivation) {
        switch activation {
        case .none: return
        case .relu: for index in values.indices { values[index] = max(values[index], 0) }
        case .relu6: for index in values.indices { values[index] = min(max(values[index], 0), 6) }
        }
    }

    /// Maximum or mean over windows of each channel.
    static func pool(
        _ input: UnsafeBufferPointer<Float>,
        channels: Int,
        _ spec: PoolSpec,
        average: Bool,
        _ output: UnsafeMutableBufferPointer<Float>
    ) {
        let length = input.count / channels
        let outLength = output.count / channels
        for channel in 0..<channels {
            for position in 0..<outLength {
                let start = channel * length + position * spec.stride
                var result = average ? 0 : -Float.infinity
                for index in start..<(start + spec.size) {
                    result = average ? result + input[index] : max(result, input[index])
                }
                output[channel * outLength + position] = average ? result / Float(spec.size) : result
            }
        }
    }

    /// Runs `layer` from `input` into `output`; `inputShape` is the layer's input shape.
    static func run(
        _ layer: FloatLayer,
        inputShape: [Int],
        _ input: UnsafeBufferPointer<Float>,
        _ output: UnsafeMutableBufferPointer<Float>
    ) {
        switch layer {
        case .dense(let dense): FloatKernels.dense(input, dense, output)
        case .conv1D(let conv): conv1D(input, channels: inputShape[0], conv, output)
        case .relu, .relu6, .flatten, .softmax:
            _ = output.update(fromContentsOf: input)
            if case .relu = layer { activate(output, .relu) }
            if case .relu6 = layer { activate(output, .relu6) }
            if case .softmax = layer { Softmax.apply(output) }
        case .maxPool1D(let spec): pool(input, channels: inputShape[0], spec, average: false, output)
        case .avgPool1D(let spec): pool(input, channels: inputShape[0], spec, average: true, output)
        case .globalAvgPool:
            let length = inputShape[1]
            pool(input, channels: inputShape[0], PoolSpec(size: length, stride: length), average: true, output)
        }
    }
}
