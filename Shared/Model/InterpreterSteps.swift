/// A dense layer prepared for the interpreter: weights widened to int16, rows padded with zeros to a multiple of 8.
final class DenseStep {
    let units: Int
    let rowStride: Int
    let weights: UnsafeMutablePointer<Int16>
    let table: RequantizationTable

    init(_ layer: QuantizedGraph.Layer, _ spec: DenseSpec) {
        units = spec.units
        let inputs = layer.inputShape[0]
        rowStride = Int8Kernels.padded(inputs)
        weights = .allocate(capacity: units * rowStride)
        weights.initialize(repeating: 0, count: units * rowStride)
        for unit in 0..<units {
            for index in 0..<inputs {
                weights[unit * rowStride + index] = Int16(layer.weights[unit * inputs + index])
            }
        }
        table = RequantizationTable(layer, activation: spec.activation)
    }

    /// `y = requantize(W · x)` for one input; reads up to `rowStride` values of `x` (the arena has the slack) and
    /// uses `sums` (`units` values) for the raw sums.
    @inline(__always)
    func run(_ x: UnsafePointer<Int16>, _ y: UnsafeMutablePointer<Int16>, sums: UnsafeMutablePointer<Int32>) {
        var unit = 0
        while unit + 4 <= units {
            let block = Int8Kernels.dot4(x, weights + unit &* rowStride, stride: rowStride, count: rowStride)
            UnsafeMutableRawPointer(sums + unit).storeBytes(of: block, as: SIMD4<Int32>.self)
            unit &+= 4
        }
        sumTail(x, from: unit, sums: sums)
        table.requantize(sums, count: units, into: y)
    }

    /// ``run(_:_:sums:)`` for two inputs at once, each weight load serving both; `sums` holds `2 · units` values.
    @inline(__always)
    func run(
        _ x: (UnsafePointer<Int16>, UnsafePointer<Int16>),
        _ y: (UnsafeMutablePointer<Int16>, UnsafeMutablePointer<Int16>),
        sums: UnsafeMutablePointer<Int32>
    ) {
        let second = sums + units
        var unit = 0
        while unit + 4 <= units {
            let blocks = Int8Kernels.dot4x2(x.0, x.1, weights + unit &* rowStride, stride: rowStride, count: rowStride)
            UnsafeMutableRawPointer(sums + unit).storeBytes(of: blocks.0, as: SIMD4<Int32>.self)
            UnsafeMutableRawPointer(second + unit).storeBytes(of: blocks.1, as: SIMD4<Int32>.self)
            unit &+= 4
        }
        sumTail(x.0, from: unit, sums: sums)
        sumTail(x.1, from: unit, sums: second)
        table.requantize(sums, count: units, into: y.0)
        table.requantize(second, count: units, into: y.1)
    }

    /// The raw sums of the units from `unit` on, one at a time.
    @inline(__always)
    private func sumTail(_ x: UnsafePointer<Int16>, from unit: Int, sums: UnsafeMutablePointer<Int32>) {
        for unit in unit..<units {
            sums[unit] = Int8Kernels.dot1(x, weights + unit &* rowStride, count: rowStride)
        }
    }

    deinit { weights.deallocate() }
}

/// A 1-D convolution prepared for the interpreter on channel-last activations (`[length][channels]`): with
/// dilation 1 each output position is one dot product over `kernel · channels` contiguous values; otherwise one per
/// tap over `channels` values. Weights are widened to int16, reordered to `[filters][tap][channel]` and padded per
/// segment.
final class ConvolutionStep {
    let channels: Int
    let length: Int
    let filters: Int
    let stride: Int
    let padding: Int
    let outLength: Int
    let segments: Int
    let segmentStride: Int
    let segmentStep: Int
    let inputZeroPoint: Int16
    let weights: UnsafeMutablePointer<Int16>
    let table: RequantizationTable

    init(_ layer: QuantizedGraph.Layer, _ spec: Conv1DSpec) {
        channels = layer.inputShape[0]
        length = layer.inputShape[1]
        filters = spec.filters
        stride = spec.stride
        padding = spec.padding
        outLength = layer.outputShape[1]
        inputZeroPoint = Int16(layer.input.zeroPoint)
        let contiguous = spec.dilation == 1
        segments = contiguous ? 1 : spec.kernel
        let segmentLength = contiguous ? spec.kernel * channels : channels
        segmentStride = Int8Kernels.padded(segmentLength)
        segmentStep = spec.dilation * channels
        let filterStride = segments * segmentStride
        weights = .allocate(capacity: filters * filterStride)
        weights.initialize(repeating: 0, count: filters * filterStride)
        for filter in 0..<filters {
            for tap in 0..<spec.kernel {
                for channel in 0..<channels {
                    let value = layer.weights[(filter * channels + channel) * spec.kernel + tap]
                    let position = contiguous ? tap * channels + channel : tap * segmentStride + channel
                    weights[filter * filterStride + position] = Int16(value)
                }
            }
        }
        table = RequantizationTable(layer, activation: spec.activation)
    }

    /// Raw sums one run needs room for.
    var sumCount: Int { outLength * filters }

    /// Values of scratch the padded input needs.
    var scratchBytes: Int { padding > 0 ? (length + 2 * padding) * channels : 0 }

    @inline(__always)
    func run(
        _ x: UnsafePointer<Int16>,
        _ y: UnsafeMutablePointer<Int16>,
        scratch: UnsafeMutablePointer<Int16>,
        sums: UnsafeMutablePointer<Int32>
    ) {
        var source = x
        if padding > 0 {
            let edge = padding * channels
            scratch.update(repeating: inputZeroPoint, count: edge)
            (scratch + edge).update(from: x, count: length * channels)
            (scratch + edge + length * channels).update(repeating: inputZeroPoint, count: edge)
            source = UnsafePointer(scratch)
        }
        let filterStride = segments * segmentStride
        let step = stride &* channels
        var position = 0
        // Two output positions at a time: each weight load serves both windows.
        while position &+ 2 <= outLength {
            let base = source + position &* step
            let row = sums + position &* filters
            var filter = 0
            while filter + 4 <= filters {
                var first = SIMD4<Int32>()
                var second = SIMD4<Int32>()
                for segment in 0..<segments {
                    let blocks = Int8Kernels.dot4x2(
                        base + segment &* segmentStep,
                        base + (step &+ segment &* segmentStep),
                        weights + (filter &* filterStride &+ segment &* segmentStride),
                        stride: filterStride,
                        count: segmentStride
                    )
                    first &+= blocks.0
                    second &+= blocks.1
                }
                UnsafeMutableRawPointer(row + filter).storeBytes(of: first, as: SIMD4<Int32>.self)
                UnsafeMutableRawPointer(row + (filters &+ filter)).storeBytes(of: second, as: SIMD4<Int32>.self)
                filter &+= 4
            }
            sumTail(base, from: filter, into: row)
            sumTail(base + step, from: filter, into: row + filters)
            position &+= 2
        }
        if position < outLength {
            let base = source + position &* step
            let row = sums + position &* filters
            var filter = 0
            while filter + 4 <= filters {
                var block = SIMD4<Int32>()
                for segment in 0..<segments {
                    block &+= Int8Kernels.dot4(
                        base + segment &* segmentStep,
                        weights + (filter &* filterStride &+ segment &* segmentStride),
                        stride: filterStride,
                        count: segmentStride
                    )
                }
                UnsafeMutableRawPointer(row + filter).storeBytes(of: block, as: SIMD4<Int32>.self)
                filter &+= 4
            }
            sumTail(base, from: filter, into: row)
        }
        for position in 0..<outLength {
            table.requantize(sums + position &* filters, count: filters, into: y + position &* filters)
        }
    }

    /// The raw sums of the filters from `filter` on at the window starting at `base`, one filter at a time.
    @inline(__always)
    private func sumTail(_ base: UnsafePointer<Int16>, from filter: Int, into row: UnsafeMutablePointer<Int32>) {
        let filterStride = segments * segmentStride
        for filter in filter..<filters {
            var sum: Int32 = 0
            for segment in 0..<segments {
                sum &+= Int8Kernels.dot1(
                    base + segment &* segmentStep,
                    weights + (filter &* filterStride &+ segment &* segmentStride),
                    count: segmentStride
                )
            }
            row[filter] = sum
        }
    }

    deinit { weights.deallocate() }
}

/// One step of a prepared int8 model, on channel-last activations.
enum InterpreterStep {
    case dense(DenseStep)
    case sparseDense(SparseDenseStep)
    case convolution(ConvolutionStep)
    /// Maximum or rounded mean over windows: channels, input length, window, step, output length.
    case pool(channels: Int, length: Int, size: Int, stride: Int, outLength: Int, average: Bool)
    /// Elementwise clamp (standalone ReLU or ReLU6) over `count` values.
    case clamp(count: Int, lower: Int16, upper: Int16)
    /// Channel-last `[length][channels]` to channel-major `[channels * length]`.
    case flatten(channels: Int, length: Int)
    /// Nothing to do on int8 values (softmax is applied to the dequantized output).
    case identity(count: Int)
}
