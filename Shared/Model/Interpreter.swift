/// A prepared int8 model: weights reordered and padded for the SIMD kernels, requantization constants computed,
/// and one preallocated arena for activations, so that inference allocates nothing.
///
/// Results equal ``ScalarInt8Engine`` bit for bit. Not thread-safe (the arena is reused): give each thread or
/// actor its own interpreter.
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

    private let input: QuantizationParameters
    private let inputChannels: Int
    private let steps: [InterpreterStep]
    private let bufferValues: Int
    private let arena: UnsafeMutableRawPointer
    private let buffers: (UnsafeMutablePointer<Int16>, UnsafeMutablePointer<Int16>)
    /// A second pair of activation buffers, for the second input of the batched path.
    private let pairBuffers: (UnsafeMutablePointer<Int16>, UnsafeMutablePointer<Int16>)
    private let scratch: UnsafeMutablePointer<Int16>
    private let sums: UnsafeMutablePointer<Int32>
    private let scores: UnsafeMutablePointer<Float>

    /// At or below this fraction of non-zero weights a dense layer runs on the sparse kernel: `bench inference`
    /// (the `mlp_int8_sparsity*` figures) measured the SIMD dense kernel faster up to about 96 % sparsity.
    public static let sparseDensityThreshold = 0.03

    /// Prepares a validated int8 artifact; dense layers whose fraction of non-zero weights is at most
    /// `sparseDensityThreshold` use the sparse kernel.
    ///
    /// - Throws: `ArtifactError.unsupportedModel` for a float artifact.
    public init(
        artifact: ModelArtifact,
        sparseDensityThreshold: Double = Interpreter.sparseDensityThreshold
    )
        throws(ArtifactError)
    {
        let graph = try QuantizedGraph(artifact)
        manifest = artifact.manifest
        input = graph.input
        inputCount = graph.inputShape.reduce(1, *)
        inputChannels = graph.inputShape.count == 2 ? graph.inputShape[0] : 1
        outputCount = graph.layers.last?.outputShape.reduce(1, *) ?? inputCount
        outputQuantization = graph.layers.last(where: { $0.spec != .softmax })?.output ?? graph.input
        endsInSoftmax = graph.layers.last?.spec == .softmax
        var steps: [InterpreterStep] = []
        var largest = inputCount
        var scratchBytes = 0
        var sumCount = 0
        for layer in graph.layers {
            let count = layer.outputShape.reduce(1, *)
            largest = max(largest, count)
            switch layer.spec {
            case .dense(let spec) where SparseDenseStep.density(layer) <= sparseDensityThreshold:
                steps.append(.sparseDense(SparseDenseStep(layer, spec)))
            case .dense(let spec):
                sumCount = max(sumCount, spec.units)
                steps.append(.dense(DenseStep(layer, spec)))
            case .conv1D(let spec):
                let step = ConvolutionStep(layer, spec)
                scratchBytes = max(scratchBytes, step.scratchBytes)
                sumCount = max(sumCount, step.sumCount)
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
        // Kernels read up to one SIMD step past the end of an activation (values in the arena, times zero weights).
        let slack = 4 * Int8Kernels.lanes
        bufferValues = largest + slack
        let scratchSize = scratchBytes + slack
        // Layout: four int16 activation buffers and the padding scratch, then int32 sums (room for two inputs'
        // sums, for the batched path), then float scores.
        let values = (4 * bufferValues + scratchSize + 1) / 2 * 2
        let sumBytes = (2 * sumCount + 4) * MemoryLayout<Int32>.stride
        let total = values * MemoryLayout<Int16>.stride + sumBytes + outputCount * MemoryLayout<Float>.stride
        arena = .allocate(byteCount: total, alignment: 64)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        let first = arena.bindMemory(to: Int16.self, capacity: values)
        buffers = (first, first + bufferValues)
        pairBuffers = (first + 2 * bufferValues, first + 3 * bufferValues)
        scratch = first + 4 * bufferValues
        let sumStart = arena + values * MemoryLayout<Int16>.stride
        sums = sumStart.bindMemory(to: Int32.self, capacity: 2 * sumCount + 4)
        scores = (sumStart + sumBytes).bindMemory(to: Float.self, capacity: outputCount)
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
        while sample + 2 <= batch {
            let results = runPair(base + sample * inputCount, base + (sample + 1) * inputCount)
            copy(results.0, to: output, sample: sample)
            copy(results.1, to: output, sample: sample + 1)
            sample += 2
        }
        if sample < batch { copy(runOne(base + sample * inputCount), to: output, sample: sample) }
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
            let result = runOne(buffer.baseAddress!)
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

    /// Runs one checked input through every step; returns the buffer holding the output (int8 values as int16).
    private func runOne(_ features: UnsafePointer<Float>) -> UnsafeMutablePointer<Int16> {
        var (x, y) = buffers
        quantize(features, into: x)
        for step in steps {
            apply(step, x, y)
            swap(&x, &y)
        }
        return x
    }

    /// Runs two checked inputs through every step, dense layers on the two-input kernel; returns the buffers
    /// holding the outputs.
    private func runPair(
        _ first: UnsafePointer<Float>,
        _ second: UnsafePointer<Float>
    ) -> (UnsafeMutablePointer<Int16>, UnsafeMutablePointer<Int16>) {
        var (x, y) = buffers
        var (u, v) = pairBuffers
        quantize(first, into: x)
        quantize(second, into: u)
        for step in steps {
            if case .dense(let dense) = step {
                dense.run((UnsafePointer(x), UnsafePointer(u)), (y, v), sums: sums)
            } else {
                apply(step, x, y)
                apply(step, u, v)
            }
            swap(&x, &y)
            swap(&u, &v)
        }
        return (x, u)
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
                for lane in 0..<4 {
                    x[(position &+ lane) &* inputChannels &+ channel] = Int16(truncatingIfNeeded: block[lane])
                }
                position &+= 4
            }
            while position < length {
                x[position &* inputChannels &+ channel] = Int16(Requantization.quantize(values[position], input))
                position &+= 1
            }
        }
    }

    /// Runs `step` from `x` into `y`.
    @inline(__always)
    private func apply(_ step: InterpreterStep, _ x: UnsafeMutablePointer<Int16>, _ y: UnsafeMutablePointer<Int16>) {
        switch step {
        case .dense(let dense): dense.run(x, y, sums: sums)
        case .sparseDense(let sparse): sparse.run(x, y)
        case .convolution(let convolution): convolution.run(x, y, scratch: scratch, sums: sums)
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
            while block + Int8Kernels.lanes <= channels {
                if average {
                    var sum = SIMD8<Int32>()
                    for tap in 0..<size {
                        sum &+= SIMD8<Int32>(truncatingIfNeeded: Int8Kernels.load(window + (tap * channels + block)))
                    }
                    for lane in 0..<Int8Kernels.lanes {
                        out[block + lane] = Int16(Requantization.roundedMean(sum[lane], Int32(size)))
                    }
                } else {
                    var best = SIMD8<Int16>(repeating: .min)
                    for tap in 0..<size {
                        let values = Int8Kernels.load(window + (tap * channels + block))
                        best.replace(with: values, where: values .> best)
                    }
                    UnsafeMutableRawPointer(out + block).storeBytes(of: best, as: SIMD8<Int16>.self)
                }
                block += Int8Kernels.lanes
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
