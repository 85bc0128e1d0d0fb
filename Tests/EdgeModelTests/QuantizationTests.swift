import EdgeModel
import TestSupport
import Testing

@Test func fixedPointMatchesTFLiteArithmetic() {
    // Values worked out by hand from gemmlowp's definitions (tensorflow/lite/kernels/internal/common.h).
    #expect(FixedPoint.saturatingRoundingDoublingHighMul(.min, .min) == .max)
    #expect(FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30) == 1 << 29)
    #expect(FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30) == 2)  // 1.5 → 2
    #expect(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1)  // −1.5 → −1 (ties toward +∞)
    #expect(FixedPoint.saturatingRoundingDoublingHighMul(-5, 1 << 30) == -2)  // −2.5 → −2
    #expect(FixedPoint.roundingDivideByPowerOfTwo(5, 1) == 3)  // 2.5 → 3, away from zero
    #expect(FixedPoint.roundingDivideByPowerOfTwo(-5, 1) == -3)
    #expect(FixedPoint.roundingDivideByPowerOfTwo(-6, 2) == -2)  // −1.5 → −2
    #expect(FixedPoint.roundingDivideByPowerOfTwo(7, 2) == 2)
    #expect(FixedPoint.roundingDivideByPowerOfTwo(9, 0) == 9)
    #expect(FixedPoint.multiplyByQuantizedMultiplier(100, 1 << 30, 0) == 50)
    #expect(FixedPoint.multiplyByQuantizedMultiplier(3, 1 << 30, -1) == 1)
    #expect(FixedPoint.multiplyByQuantizedMultiplier(-3, 1 << 30, -1) == -1)
    #expect(FixedPoint.multiplyByQuantizedMultiplier(7, 1 << 30, 2) == 14)
}

@Test(arguments: [
    (0.5, Int32(1 << 30), Int32(0)), (1.0, 1 << 30, 1), (0.75, 1_610_612_736, 0), (0.0, 0, 0), (0.1, 1_717_986_918, -3),
])
func quantizeMultiplierMatchesTFLite(real: Double, multiplier: Int32, shift: Int32) {
    let result = FixedPoint.quantizeMultiplier(real)
    #expect(result.multiplier == multiplier && result.shift == shift)
}

/// The kernel builds this CPU runs: both on an AVX2 machine, so the tests cover both paths.
let kernelChoices = Int8KernelChoice.allCases.filter(\.isSupported)

@Test(arguments: ["mlp", "odd-mlp", "cnn", "mixed"], kernelChoices)
func interpreterEqualsScalarReferenceBitForBit(name: String, kernels: Int8KernelChoice) throws {
    let network = RandomNetworks.network(name)
    var random = SplitMix64(seed: 42)
    let count = network.inputShape.reduce(1, *)
    let calibration = RandomNetworks.inputs(count, samples: 16, &random)
    let labels = (0..<network.outputCount).map { "c\($0)" }
    let artifact = try PostTrainingQuantizer().quantize(
        network,
        calibration: calibration,
        metadata: ModelMetadata(name: name, version: 1, labels: labels)
    )
    let reference = try ScalarInt8Engine(artifact: artifact)
    let interpreter = try Interpreter(artifact: try ModelArtifact(bytes: artifact.encoded()), kernels: kernels)
    #expect(interpreter.kernelChoice == kernels)
    // Inputs at 3× the calibration scale saturate the input and the activations, which must agree too. The count
    // (117) is not a multiple of four, so the last input runs alone after the four-input tiles of the batched path.
    let inputs = RandomNetworks.inputs(count, samples: 101, scale: 3, &random) + calibration
    var outputs = [Int8](repeating: 0, count: inputs.count * interpreter.outputCount)
    let flat = inputs.flatMap { $0 }
    try flat.withUnsafeBufferPointer { batch in
        try outputs.withUnsafeMutableBufferPointer { try interpreter.run(batch, batch: inputs.count, into: $0) }
    }
    var distinct = Set<[Int8]>()
    for (index, input) in inputs.enumerated() {
        let expected = try reference.run(input)
        let got = Array(outputs[(index * expected.count)..<((index + 1) * expected.count)])
        #expect(got == expected, "input \(index)")
        distinct.insert(got)
    }
    // The outputs vary with the input, so the comparison is not between two constants.
    #expect(distinct.count > inputs.count / 2)
}

@Test(arguments: ["mlp", "odd-mlp", "cnn", "mixed"])
func int8OutputsTrackTheFloatNetwork(name: String) throws {
    let network = RandomNetworks.network(name)
    var random = SplitMix64(seed: 7)
    let count = network.inputShape.reduce(1, *)
    let calibration = RandomNetworks.inputs(count, samples: 64, &random)
    let artifact = try PostTrainingQuantizer(method: .percentile(99.9)).quantize(
        network,
        calibration: calibration,
        metadata: ModelMetadata(name: name, version: 1, labels: (0..<network.outputCount).map { "c\($0)" })
    )
    let interpreter = try Interpreter(artifact: artifact)
    var agree = 0
    let inputs = RandomNetworks.inputs(count, samples: 100, &random)
    for input in inputs {
        let expected = try network.predict(input)
        let top = expected.indices.max { expected[$0] < expected[$1] }!
        if try interpreter.predict(input).index == top { agree += 1 }
    }
    #expect(agree >= 85, "\(agree)/100 top-1 agreements with float")
}

@Test func interpreterRejectsBadInputAndFloatArtifacts() throws {
    let network = RandomNetworks.network("odd-mlp")
    var random = SplitMix64(seed: 1)
    let artifact = try PostTrainingQuantizer().quantize(
        network,
        calibration: RandomNetworks.inputs(37, samples: 4, &random),
        metadata: ModelMetadata(name: "odd", version: 1, labels: ["a", "b", "c", "d", "e"])
    )
    let interpreter = try Interpreter(artifact: artifact)
    #expect { try interpreter.predict([1, 2]) } throws: { ($0 as? InferenceError)?.code == .wrongInputSize }
    var input = [Float](repeating: 0, count: 37)
    input[3] = .infinity
    #expect { try interpreter.predict(input) } throws: { ($0 as? InferenceError)?.code == .nonFiniteInput }
    let float = try network.artifact(ModelMetadata(name: "odd", version: 1, labels: ["a", "b", "c", "d", "e"]))
    #expect { try Interpreter(artifact: float) } throws: { ($0 as? ArtifactError)?.code == .unsupportedModel }
    #expect {
        try PostTrainingQuantizer().quantize(
            network,
            calibration: [],
            metadata: ModelMetadata(name: "x", version: 1, labels: ["a"])
        )
    } throws: {
        ($0 as? ArtifactError)?.code == .badQuantization
    }
}

@Test(arguments: [0.7, 0.95], kernelChoices)
func sparseKernelEqualsScalarReferenceBitForBit(sparsity: Double, kernels: Int8KernelChoice) throws {
    let dense = RandomNetworks.network("odd-mlp")
    let network = MagnitudePruning.apply(
        MagnitudePruning.masks(for: dense, sparsity: sparsity, scope: .global),
        to: dense
    )
    var random = SplitMix64(seed: 99)
    let artifact = try PostTrainingQuantizer().quantize(
        network,
        calibration: RandomNetworks.inputs(37, samples: 16, &random),
        metadata: ModelMetadata(name: "sparse", version: 1, labels: ["a", "b", "c", "d", "e"])
    )
    let reference = try ScalarInt8Engine(artifact: artifact)
    let sparse = try Interpreter(artifact: artifact, sparseDensityThreshold: 1, kernels: kernels)
    let denseKernel = try Interpreter(artifact: artifact, sparseDensityThreshold: 0, kernels: kernels)
    for input in RandomNetworks.inputs(37, samples: 50, scale: 2, &random) {
        var outputs = ([Int8](repeating: 0, count: 5), [Int8](repeating: 0, count: 5))
        try input.withUnsafeBufferPointer { one in
            try outputs.0.withUnsafeMutableBufferPointer { try sparse.run(one, batch: 1, into: $0) }
            try outputs.1.withUnsafeMutableBufferPointer { try denseKernel.run(one, batch: 1, into: $0) }
        }
        let expected = try reference.run(input)
        #expect(outputs.0 == expected)
        #expect(outputs.1 == expected)
    }
}
