import EdgeKernelCore

/// A prepared int8 model: weights packed for the matrix kernels, requantization constants computed, and one
/// preallocated arena for activations, so that inference allocates nothing. Batches run four inputs at a time, so
/// that every dense layer's weights serve four rows.
///
/// Results equal ``ScalarInt8Engine`` bit for bit, on every ``Int8KernelChoice``. Not thread-safe (the arena is
/// reused): give each thread or actor its own interpreter.
///
/// ```swift
/// let artifact = try ModelArtifact(bytes: fileBytes)      // ArtifactError
/// let interpreter = try Interpreter(artifact: artifact)   // ArtifactError.unsupportedModel for a float model
/// let prediction = try interpreter.predict(features)     // InferenceError for a wrong-sized or non-finite input
/// ```
public final class Interpreter {
    /// The artifact's manifest (labels, feature pipeline, drift reference).
    public let manifest: ModelManifest
    /// Values in one input (channel-major for `[channels, length]`).
    public let inputCount: Int
    /// Values in one output: one per label.
    public let outputCount: Int
    /// Quantization of the int8 output.
    public let outputQuantization: QuantizationParameters
    /// Whether the model ends in softmax, so that scores are probabilities.
    public let endsInSoftmax: Bool
    /// The build of the kernels this interpreter runs.
    public let kernelChoice: Int8KernelChoice

    private let input: QuantizationParameters
    private let inputChannels: Int
    private let steps: [InterpreterStep]
    private let bufferValues: Int
    private let arena: UnsafeMutableRawPointer
    private let kernels: Int8KernelSet
    /// Two blocks of ``tileRows`` activation buffers, `bufferValues` apart: a step reads one block, writes the other.
    private let blocks: (UnsafeMutablePointer<Int16>, UnsafeMutablePointer<Int16>)
    private let scratch: UnsafeMutablePointer<Int16>
    private let scores: UnsafeMutablePointer<Float>

    /// At or below this fraction of non-zero weights a dense layer runs on the sparse kernel: `bench inference`
    /// (the `mlp_int8_sparsity*` figures) measured the fastest dense kernel faster at every sparsity up to 99 %
    /// (0.60 against 0.98 µs there, after the packed-kernel work), and, before it, the baseline build's dense kernel
    /// about as fast as the sparse one at 99 %.
    public static let sparseDensityThreshold = 0.01

    /// Inputs a batch runs together.
    private static let tileRows = 4

    /// Prepares a validated int8 artifact; dense layers whose fraction of non-zero weights is at most
    /// `sparseDensityThreshold` use the sparse kernel. `kernels` picks the build of the kernels (one this CPU
    /// cannot run falls back to ``Int8KernelChoice/generic``).
    ///
    /// - Throws: `ArtifactError.unsupportedModel` for a float artifact.
    public init(
        artifact: ModelArtifact,
        sparseDensityThreshold: Double = Interpreter.sparseDensityThreshold,
        kernels: Int8KernelChoice = .preferred
    )
        throws(ArtifactError)
    {
        let graph = try QuantizedGraph(artifact)
        kernelChoice = kernels.isSupported ? kernels : .generic
        self.kernels = kernelChoice.kernels
        manifest = artifact.manifest
        input = graph.input
        inputCount = graph.inputShape.reduce(1, *)
        inputChannels = graph.inputShape.count == 2 ? graph.inputShape[0] : 1
        outputCount = graph.layers.last?.outputShape.reduce(1, *) ?? inputCount
        outputQuantization = graph.layers.last(where: { $0.spec != .softmax })?.output ?? graph.input
        endsInSoftmax = graph.layers.last?.spec == .softmax
        var steps: [InterpreterStep] = []
        var largest = inputCount
        var scratchValues = 0
        for layer in graph.layers {
            let count = layer.outputShape.reduce(1, *)
            largest = max(largest, count)
            switch layer.spec {
            case .dense(let spec) where SparseDenseStep.density(layer) <= sparseDensityThreshold:
                steps.append(.sparseDense(SparseDenseStep(layer, spec)))
            case .dense(let spec):
                steps.append(.dense(DenseStep(layer, spec)))
            case .conv1D(let spec):
                let step = ConvolutionStep(layer, spec)
                scratchValues = max(scratchValues, step.scratchValues)
                steps.append(.convolution(step))
            case .maxPool1D(let pool), .avgPool1D(let pool):
                let average = if case .avgPool1D = layer.spec { true } else { false }
                steps.append(
                    .pool(
                        channels: layer.inputShape[0],
                        length: layer.inputShape[1],
                        size: pool.size,
                        stride: pool.stride,
                        outLength: layer.outputShape[1],
                        average: average
                    )
                )
            case .globalAvgPool:
                let length = layer.inputShape[1]
                steps.append(
                    .pool(
                        channels: layer.inputShape[0],
                        length: length,
                        size: length,
                        stride: length,
                        outLength: 1,
                        average: true
                    )
                )
            case .relu, .relu6:
                let bounds = Requantization.bounds(layer.spec == .relu ? .relu : .relu6, layer.output)
                steps.append(.clamp(count: count, lower: Int16(bounds.lowerBound), upper: Int16(bounds.upperBound)))
            case .flatten:
                steps.append(.flatten(channels: layer.inputShape[0], length: layer.inputShape[1]))
            case .softmax:
                steps.append(.identity(count: count))
            }
        }
        self.steps = steps
        // Kernels read one value past a row (times a zero weight); vector loops may read up to 16 past.
        let slack = 32
        bufferValues = largest + slack
        // Layout: two blocks of activation buffers and the convolution scratch, then float scores.
        let values = (2 * Self.tileRows * bufferValues + scratchValues + slack + 31) / 32 * 32
        let total = values * MemoryLayout<Int16>.stride + outputCount * MemoryLayout<Float>.stride
        arena = .allocate(byteCount: total, alignment: 64)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        let first = arena.bindMemory(to: Int16.self, capacity: values)
        blocks = (first, first + Self.tileRows * bufferValues)
        scratch = first + 2 * Self.tileRows * bufferValues
        scores = (arena + values * MemoryLayout<Int16>.stride).bindMemory(to: Float.self, capacity: outputCount)
    }

    deinit { arena.deallocate() }

    /// Runs `batch` inputs stored one after another (channel-major each) and writes each int8 output (before any
    /// softmax) into `output`, `outputCount` values per input.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input or an output buffer of the wrong size.
    public func run(
        _ inputs: UnsafeBufferPointer<Float>,
        batch: Int,
        into output: UnsafeMutableBufferPointer<Int8>
    ) throws(InferenceError) {
        try InferenceError.check(inputs, elements: inputCount, batch: batch)
        guard output.count == batch * outputCount else {
            throw InferenceError(.wrongInputSize, "output holds \(output.count) values, needs \(batch * outputCount)")
        }
        let base = inputs.baseAddress!
        var sample = 0
        while sample < batch {
            let count = min(Self.tileRows, batch - sample)
            let results = runTile(base + sample * inputCount, count: count)
            for offset in 0..<count { copy(results + offset * bufferValues, to: output, sample: sample + offset) }
            sample += count
        }
    }

    private func copy(_ result: UnsafeMutablePointer<Int16>, to output: UnsafeMutableBufferPointer<Int8>, sample: Int) {
        for index in 0..<outputCount {
            output[sample * outputCount + index] = Int8(truncatingIfNeeded: result[index])
        }
    }

    /// The top class of one input and its score: the softmax probability when the model ends in softmax,
    /// otherwise the dequantized output. Ties go to the lowest index.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input.
    public func predict(_ features: [Float]) throws(InferenceError) -> Prediction {
        try features.withUnsafeBufferPointer { buffer throws(InferenceError) in
            try InferenceError.check(buffer, elements: inputCount, batch: 1)
            let result = runTile(buffer.baseAddress!, count: 1)
            var best = 0
            for index in 1..<outputCount where result[index] > result[best] { best = index }
            let score: Float
            if endsInSoftmax {
                let values = UnsafeMutableBufferPointer(start: scores, count: outputCount)
                for index in 0..<outputCount {
                    values[index] = Requantization.dequantize(
                        Int8(truncatingIfNeeded: result[index]),
                        outputQuantization
                    )
                }
                Softmax.apply(values)
                score = values[best]
            } else {
                score = Requantization.dequantize(Int8(truncatingIfNeeded: result[best]), outputQuantization)
            }
            return Prediction(index: best, label: manifest.labels[best], score: score)
        }
    }

    /// Runs `count` (at most ``tileRows``) checked inputs, stored one after another, through every step, dense
    /// layers as one matrix product over all of them; returns the first input's output buffer (int8 values as
    /// int16), the others following `bufferValues` apart.
    private func runTile(_ features: UnsafePointer<Float>, count: Int) -> UnsafeMutablePointer<Int16> {
        var (x, y) = blocks
        for offset in 0..<count { quantize(features + offset * inputCount, into: x + offset * bufferValues) }
        for step in steps {
            if case .dense(let dense) = step {
                runDense(dense, x, y, count: count)
            } else {
                for offset in 0..<count { apply(step, x + offset * bufferValues, y + offset * bufferValues) }
            }
            swap(&x, &y)
        }
        return x
    }

    /// Channel-major floats in, channel-last int8 (as int16) out.
    @inline(__always)
    private func quantize(_ features: UnsafePointer<Float>, into x: UnsafeMutablePointer<Int16>) {
        let length = inputCount / inputChannels
        for channel in 0..<inputChannels {
            let values = features + channel &* length
            var position = 0
            while position &+ 4 <= length {
                let block = Requantization.quantize4(
                    UnsafeRawPointer(values + position).loadUnaligned(as: SIMD4<Float>.self),
                    input
                )
                if inputChannels == 1 {
                    // The low halves of the int32 lanes (little-endian: the even int16 lanes) hold the values.
                    let values = unsafeBitCast(block, to: SIMD8<Int16>.self).evenHalf
                    UnsafeMutableRawPointer(x + position).storeBytes(of: values, as: SIMD4<Int16>.self)
                } else {
                    for lane in 0..<4 {
                        x[(position &+ lane) &* inputChannels &+ channel] = Int16(truncatingIfNeeded: block[lane])
                    }
                }
                position &+= 4
            }
            while position < length {
                x[position &* inputChannels &+ channel] = Int16(Requantization.quantize(values[position], input))
                position &+= 1
            }
        }
    }

    /// Runs a dense step on `count` inputs from `x` (`bufferValues` apart) into `y`.
    @inline(__always)
    private func runDense(
        _ dense: DenseStep,
        _ x: UnsafeMutablePointer<Int16>,
        _ y: UnsafeMutablePointer<Int16>,
        count: Int
    ) {
        let operands = MatrixOperands(
            input: x,
            inputStride: bufferValues,
            rows: count,
            output: y,
            outputStride: bufferValues
        )
        kernels.matrix(dense.layer, operands)
    }

    /// Runs `step` from `x` into `y`.
    @inline(__always)
    private func apply(_ step: InterpreterStep, _ x: UnsafeMutablePointer<Int16>, _ y: UnsafeMutablePointer<Int16>) {
        switch step {
        case .dense(let dense): runDense(dense, x, y, count: 1)
        case .sparseDense(let sparse): sparse.run(x, y)
        case .convolution(let convolution):
            convolution.run(x, y, scratch: scratch, kernels: kernels)
        case .pool(let channels, let length, let size, let stride, let outLength, let average):
            Self.pool(
                x,
                y,
                channels: channels,
                length: length,
                size: size,
                stride: stride,
                outLength: outLength,
                average: average
            )
        case .clamp(let count, let lower, let upper):
            for index in 0..<count { y[index] = min(max(x[index], lower), upper) }
        case .flatten(let channels, let length):
            for position in 0..<length {
                for channel in 0..<channels { y[channel * length + position] = x[position * channels + channel] }
            }
        case .identity(let count):
            y.update(from: x, count: count)
        }
    }

    private static func pool(
        _ x: UnsafeMutablePointer<Int16>,
        _ y: UnsafeMutablePointer<Int16>,
        channels: Int,
        length: Int,
        size: Int,
        stride: Int,
        outLength: Int,
        average: Bool
    ) {
        for position in 0..<outLength {
            let window = x + position * stride * channels
            let out = y + position * channels
            var block = 0
            // Eight channels at a time: channel-last windows put them side by side.
            while block + lanes <= channels {
                if average {
                    var sum = SIMD8<Int32>()
                    for tap in 0..<size {
                        sum &+= SIMD8<Int32>(truncatingIfNeeded: load(window + (tap * channels + block)))
                    }
                    for lane in 0..<lanes {
                        out[block + lane] = Int16(Requantization.roundedMean(sum[lane], Int32(size)))
                    }
                } else {
                    var best = SIMD8<Int16>(repeating: .min)
                    for tap in 0..<size {
                        let values = load(window + (tap * channels + block))
                        best.replace(with: values, where: values .> best)
                    }
                    UnsafeMutableRawPointer(out + block).storeBytes(of: best, as: SIMD8<Int16>.self)
                }
                block += lanes
            }
            for channel in block..<channels {
                if average {
                    var sum: Int32 = 0
                    for tap in 0..<size { sum += Int32(window[tap * channels + channel]) }
                    y[position * channels + channel] = Int16(Requantization.roundedMean(sum, Int32(size)))
                } else {
                    var best = Int16.min
                    for tap in 0..<size { best = max(best, window[tap * channels + channel]) }
                    y[position * channels + channel] = best
                }
            }
        }
    }

    /// Channels a pooling step handles at once.
    private static let lanes = 8

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Int16>) -> SIMD8<Int16> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Int16>.self)
    }
}

/// The top class of one inference.
public struct Prediction: Sendable, Hashable {
    /// Index of the class in the manifest's labels.
    public var index: Int
    /// The class label.
    public var label: String
    /// Softmax probability, or the dequantized output for models without softmax.
    public var score: Float
}
