import EdgeKernelCore

/// A dense layer prepared for the interpreter: weights packed for the matrix kernel.
struct DenseStep {
    let layer: PackedLayer

    init(_ layer: QuantizedGraph.Layer, _ spec: DenseSpec) {
        let inputs = layer.inputShape[0]
        self.layer = PackedLayer(
            depth: inputs,
            columns: spec.units,
            table: RequantizationTable(layer, activation: spec.activation)
        ) { unit, index in
            layer.weights[unit * inputs + index]
        }
    }
}

/// A 1-D convolution prepared for the interpreter on channel-last activations (`[length][channels]`), as a matrix
/// product: each output position is one row of `kernel · channels` values, the window, contiguous in the (padded)
/// input when the dilation is 1, gathered into scratch (im2col) otherwise. Weights are packed with the depth ordered
/// `[tap][channel]`.
struct ConvolutionStep {
    let channels: Int
    let length: Int
    let stride: Int
    let padding: Int
    let dilation: Int
    let kernel: Int
    let outLength: Int
    let inputZeroPoint: Int16
    let layer: PackedLayer

    init(_ layer: QuantizedGraph.Layer, _ spec: Conv1DSpec) {
        let channels = layer.inputShape[0]
        self.channels = channels
        length = layer.inputShape[1]
        stride = spec.stride
        padding = spec.padding
        dilation = spec.dilation
        kernel = spec.kernel
        outLength = layer.outputShape[1]
        inputZeroPoint = Int16(layer.input.zeroPoint)
        self.layer = PackedLayer(
            depth: spec.kernel * channels,
            columns: spec.filters,
            table: RequantizationTable(layer, activation: spec.activation)
        ) { filter, index in
            layer.weights[(filter * channels + index % channels) * spec.kernel + index / channels]
        }
    }

    /// Values of the padded input.
    private var paddedValues: Int { padding > 0 ? (length + 2 * padding) * channels : 0 }

    /// Values of one gathered window, padded as the kernels read it.
    private var windowStride: Int { layer.paddedDepth }

    /// Values of scratch one run needs: the padded input, then the gathered windows.
    var scratchValues: Int { paddedValues + (dilation > 1 ? outLength * windowStride : 0) }

    func run(
        _ x: UnsafePointer<Int16>,
        _ y: UnsafeMutablePointer<Int16>,
        scratch: UnsafeMutablePointer<Int16>,
        kernels: Int8KernelSet
    ) {
        var source = x
        if padding > 0 {
            let edge = padding * channels
            scratch.update(repeating: inputZeroPoint, count: edge)
            (scratch + edge).update(from: x, count: length * channels)
            (scratch + edge + length * channels).update(repeating: inputZeroPoint, count: edge)
            source = UnsafePointer(scratch)
        }
        var operands = MatrixOperands(
            input: source,
            inputStride: stride * channels,
            rows: outLength,
            output: y,
            outputStride: layer.columns
        )
        guard dilation > 1 else {
            kernels.matrix(layer, operands)
            return
        }
        let windows = scratch + paddedValues
        for position in 0..<outLength {
            let window = windows + position * windowStride
            for tap in 0..<kernel {
                (window + tap * channels).update(
                    from: source + (position * stride + tap * dilation) * channels,
                    count: channels
                )
            }
        }
        operands.input = UnsafePointer(windows)
        operands.inputStride = windowStride
        kernels.matrix(layer, operands)
    }
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
