/// Requantization constants of one dense or convolution layer, per output channel, in memory owned by the step.
///
/// `biasAdjusted[c] = bias[c] − x_zp · Σ_i w[c, i]`, so the kernels sum raw `x · w` products and still get
/// `bias + Σ (x − x_zp) · w`, the same int32 value modulo 2^32.
final class RequantizationTable {
    let biasAdjusted: UnsafeMutablePointer<Int32>
    let multipliers: UnsafeMutablePointer<Int64>
    let leftShifts: UnsafeMutablePointer<Int32>
    let rightShifts: UnsafeMutablePointer<Int64>
    /// `2^(rightShift − 1)`, or 0 without a right shift.
    let roundingOffsets: UnsafeMutablePointer<Int64>
    /// 1 with a right shift, else 0: negative values need one less to round ties away from zero.
    let negativeCorrections: UnsafeMutablePointer<Int64>
    let zeroPoint: Int64
    let lower: Int64
    let upper: Int64

    init(_ layer: QuantizedGraph.Layer, activation: FusedActivation) {
        let channels = layer.bias.count
        let perChannel = layer.weights.count / channels
        let factors = Requantization.multipliers(
            input: layer.input,
            channelScales: layer.channelScales,
            output: layer.output
        )
        biasAdjusted = .allocate(capacity: channels)
        multipliers = .allocate(capacity: channels)
        leftShifts = .allocate(capacity: channels)
        rightShifts = .allocate(capacity: channels)
        roundingOffsets = .allocate(capacity: channels)
        negativeCorrections = .allocate(capacity: channels)
        for channel in 0..<channels {
            let sum = layer.weights[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(Int32(0)) {
                $0 &+ Int32($1)
            }
            (biasAdjusted + channel).initialize(to: layer.bias[channel] &- layer.input.zeroPoint &* sum)
            let shift = factors[channel].shift
            (multipliers + channel).initialize(to: Int64(factors[channel].multiplier))
            (leftShifts + channel).initialize(to: max(shift, 0))
            let right = Int64(max(-shift, 0))
            (rightShifts + channel).initialize(to: right)
            (roundingOffsets + channel).initialize(to: right > 0 ? 1 << (right - 1) : 0)
            (negativeCorrections + channel).initialize(to: right > 0 ? 1 : 0)
        }
        let bounds = Requantization.bounds(activation, layer.output)
        zeroPoint = Int64(layer.output.zeroPoint)
        lower = Int64(bounds.lowerBound)
        upper = Int64(bounds.upperBound)
    }

    /// The int8 output (stored as int16) of channel `channel` for the raw product sum `products`: ``FixedPoint``'s
    /// multiplyByQuantizedMultiplier without branches (multipliers are never `Int32.min`, so the saturating case
    /// cannot occur; the rounding divide by 2^e is `(h + 2^(e−1) − [h < 0]) >> e`, the same ties-away-from-zero
    /// rounding), plus the zero point, clamped to the activation's range.
    @inline(__always)
    func output(_ products: Int32, _ channel: Int) -> Int16 {
        let acc = (biasAdjusted[channel] &+ products) &<< leftShifts[channel]
        let high = (Int64(acc) &* multipliers[channel] &+ (1 << 30)) &>> 31
        let rounded = high &+ roundingOffsets[channel] &- ((high &>> 63) & negativeCorrections[channel])
        let value = (rounded &>> rightShifts[channel]) &+ zeroPoint
        // Branch-free clamp: data-dependent branches mispredict on real inputs.
        let low = value &- ((value &- lower) & ((value &- lower) &>> 63))
        let clamped = low &- ((low &- upper) & ~((low &- upper) &>> 63))
        return Int16(truncatingIfNeeded: clamped)
    }

    /// ``output(_:_:)`` for the `count` channels whose raw sums are at `sums`, written to `y`: a loop of its own,
    /// so the table's pointers stay in registers.
    @inline(__always)
    func requantize(_ sums: UnsafePointer<Int32>, count: Int, into y: UnsafeMutablePointer<Int16>) {
        for channel in 0..<count { y[channel] = output(sums[channel], channel) }
    }

    deinit {
        biasAdjusted.deallocate()
        multipliers.deallocate()
        leftShifts.deallocate()
        rightShifts.deallocate()
        roundingOffsets.deallocate()
        negativeCorrections.deallocate()
    }
}

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
        while unit < units {
            sums[unit] = Int8Kernels.dot1(x, weights + unit &* rowStride, count: rowStride)
            unit &+= 1
        }
        table.requantize(sums, count: units, into: y)
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
        for position in 0..<outLength {
            let base = source + position &* stride &* channels
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
            while filter < filters {
                var sum: Int32 = 0
                for segment in 0..<segments {
                    sum &+= Int8Kernels.dot1(
                        base + segment &* segmentStep,
                        weights + (filter &* filterStride &+ segment &* segmentStride),
                        count: segmentStride
                    )
                }
                row[filter] = sum
                filter &+= 1
            }
        }
        for position in 0..<outLength {
            table.requantize(sums + position &* filters, count: filters, into: y + position &* filters)
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
