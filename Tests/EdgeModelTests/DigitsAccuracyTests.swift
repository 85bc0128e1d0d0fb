import EdgeModel
import ModelTraining
import TestSupport
import Testing

/// Trains the float digits model once per test run, seeded, so every test sees the same weights.
private let trained: Result<FloatNetwork, any Error> = Result {
    let digits = Digits.shared
    var random = SplitMix64(seed: 2026)
    let network = NetworkInitializer.perceptron(sizes: [64, 128, 64, 10], using: &random)
    var trainer = try Trainer(network: network, optimizer: .adam(learningRate: 0.002))
    for _ in 0..<12 {
        _ = try trainer.trainEpoch(inputs: digits.trainInputs, labels: digits.trainLabels, batchSize: 32, using: &random)
    }
    return trainer.network
}

private let digitLabels = (0..<10).map(String.init)

private func int8Accuracy(_ artifact: ModelArtifact) throws -> Double {
    let interpreter = try Interpreter(artifact: ModelArtifact(bytes: artifact.encoded()))
    let digits = Digits.shared
    var correct = 0
    for (input, label) in zip(digits.testInputs, digits.testLabels) where try interpreter.predict(input).index == label {
        correct += 1
    }
    return Double(correct) / Double(digits.testInputs.count)
}

private func quantized(_ network: FloatNetwork, version: Int) throws -> ModelArtifact {
    try PostTrainingQuantizer().quantize(
        network,
        calibration: Array(Digits.shared.trainInputs.prefix(300)),
        metadata: ModelMetadata(name: "digits", version: version, labels: digitLabels)
    )
}

@Test func digitsFixtureHasTheFixedSplit() {
    #expect(Digits.shared.trainInputs.count == 1_438)
    #expect(Digits.shared.testInputs.count == 359)
    #expect(Set(Digits.shared.testLabels) == Set(0..<10))
}

@Test func int8DigitsAccuracyIsWithinOnePointOfFloat() throws {
    let network = try trained.get()
    let digits = Digits.shared
    let floatAccuracy = try network.accuracy(inputs: digits.testInputs, labels: digits.testLabels)
    let int8 = try int8Accuracy(quantized(network, version: 2))
    print("digits float accuracy \(floatAccuracy), int8 \(int8)")
    #expect(floatAccuracy >= 0.95)
    #expect(int8 >= floatAccuracy - 0.01)
}

@Test func prunedAndFineTunedDigitsStayWithinTwoPointsAndShrinkEightfold() throws {
    let network = try trained.get()
    let digits = Digits.shared
    let floatAccuracy = try network.accuracy(inputs: digits.testInputs, labels: digits.testLabels)
    let masks = MagnitudePruning.masks(for: network, sparsity: 0.7, scope: .global)
    var random = SplitMix64(seed: 9)
    var trainer = try Trainer(network: network, optimizer: .adam(learningRate: 0.001), masks: masks)
    for _ in 0..<4 {
        _ = try trainer.trainEpoch(inputs: digits.trainInputs, labels: digits.trainLabels, batchSize: 32, using: &random)
    }
    let pruned = trainer.network
    #expect(pruned.sparsity >= 0.7)
    let artifact = try quantized(pruned, version: 3)
    #expect(artifact.manifest.sparsity >= 0.7)
    let accuracy = try int8Accuracy(artifact)
    print("digits pruned 70% + fine-tuned int8 accuracy \(accuracy) (float \(floatAccuracy))")
    #expect(accuracy >= floatAccuracy - 0.02)
    let floatBytes = try network.artifact(ModelMetadata(name: "digits", version: 1, labels: digitLabels)).encoded().count
    let prunedBytes = artifact.encoded().count
    print("digits artifact bytes: float \(floatBytes), pruned int8 \(prunedBytes)")
    #expect(floatBytes >= 8 * prunedBytes)
}

@Test func int8DigitsArtifactIsAtLeastFourTimesSmaller() throws {
    let network = try trained.get()
    let floatBytes = try network.artifact(ModelMetadata(name: "digits", version: 1, labels: digitLabels)).encoded().count
    let int8Bytes = try quantized(network, version: 2).encoded().count
    print("digits artifact bytes: float \(floatBytes), int8 \(int8Bytes)")
    #expect(floatBytes >= 4 * int8Bytes)
}
