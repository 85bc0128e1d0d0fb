import EdgeModel
import Testing

/// Golden outputs from scripts/reference/float_engine.py (numpy, float64).
private let goldenA: [Float] = [0.200627993, 0.155812875, 0.055991665, 0.0494236945, 0.161631386, 0.376512387]
private let goldenB: [Float] = [-0.0663962248, 0.646024398, -1.13740731]

@Test(arguments: ["A", "B"])
func floatEngineMatchesNumpy(name: String) throws {
    let (network, golden) = name == "A" ? (FormulaNetworks.networkA, goldenA) : (FormulaNetworks.networkB, goldenB)
    let output = try network.predict(FormulaNetworks.inputs(network.inputShape.reduce(1, *)))
    #expect(output.count == golden.count)
    for (value, expected) in zip(output, golden) {
        #expect(abs(value - expected) <= 1e-5, "\(output) vs \(golden)")
    }
}

@Test func floatEngineRoundTripsThroughAnArtifact() throws {
    let network = FormulaNetworks.networkA
    let metadata = ModelMetadata(name: "formula-a", version: 3, labels: ["a", "b", "c", "d", "e", "f"])
    let bytes = try network.artifact(metadata).encoded()
    let decoded = try FloatNetwork(artifact: ModelArtifact(bytes: bytes))
    #expect(decoded == network)
}

@Test func fusingActivationsKeepsTheOutput() throws {
    let network = FormulaNetworks.networkB
    let fused = network.fusingActivations()
    #expect(fused.layers.count == network.layers.count - 1)
    let input = FormulaNetworks.inputs(32)
    #expect(try fused.predict(input) == network.predict(input))
}

@Test func floatEngineRejectsBadInput() {
    let network = FormulaNetworks.networkB
    #expect(throws: InferenceError(.wrongInputSize, "31 values for a batch of 1 × 32")) {
        try network.predict([Float](repeating: 0, count: 31))
    }
    #expect { try network.predict([Float](repeating: .nan, count: 32)) } throws: {
        ($0 as? InferenceError)?.code == .nonFiniteInput
    }
}
