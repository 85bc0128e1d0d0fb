import EdgeModel
import TestSupport
import Testing

/// The batch input check looks at sixteen values at a time and then the tail one by one: every non-finite kind is
/// refused at a position inside the vector part and in the tail, and the extreme finite values pass.
@Test(arguments: [Float.nan, -.nan, .signalingNaN, .infinity, -.infinity], [0, 15, 16, 95, 96, 110])
func interpreterBatchRefusesNonFiniteValueAnywhere(value: Float, position: Int) throws {
    let interpreter = try oddInterpreter()
    var inputs = [Float](repeating: 0.5, count: 3 * 37)
    inputs[position] = value
    var output = [Int8](repeating: 0, count: 3 * interpreter.outputCount)
    #expect {
        try inputs.withUnsafeBufferPointer { batch in
            try output.withUnsafeMutableBufferPointer { try interpreter.run(batch, batch: 3, into: $0) }
        }
    } throws: {
        ($0 as? InferenceError)?.code == .nonFiniteInput
    }
}

@Test(arguments: [Float.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0])
func interpreterBatchAcceptsExtremeFiniteValues(value: Float) throws {
    let interpreter = try oddInterpreter()
    let inputs = [Float](repeating: value, count: 3 * 37)
    var output = [Int8](repeating: 0, count: 3 * interpreter.outputCount)
    try inputs.withUnsafeBufferPointer { batch in
        try output.withUnsafeMutableBufferPointer { try interpreter.run(batch, batch: 3, into: $0) }
    }
}

private func oddInterpreter() throws -> Interpreter {
    var random = SplitMix64(seed: 1)
    let artifact = try PostTrainingQuantizer().quantize(
        RandomNetworks.network("odd-mlp"),
        calibration: RandomNetworks.inputs(37, samples: 4, &random),
        metadata: ModelMetadata(name: "odd", version: 1, labels: ["a", "b", "c", "d", "e"])
    )
    return try Interpreter(artifact: artifact)
}
