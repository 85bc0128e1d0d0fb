import EdgeModel
import FederatedAggregation
import FederatedTraining
import ModelTraining
import TestSupport
import Testing

@Suite struct FederatedTrainingTests {
    private static func network(seed: UInt64) -> FloatNetwork {
        var random = SplitMix64(seed: seed)
        return NetworkInitializer.perceptron(sizes: [6, 5, 3], using: &random)
    }

    @Test func parametersRoundTripThroughTheNetwork() throws {
        let network = Self.network(seed: 1)
        let parameters = try network.parameters()
        #expect(parameters.layers.map(\.name) == ["l0.w", "l0.b", "l1.w", "l1.b"])
        #expect(parameters.layers.map(\.shape) == [[5, 6], [5], [3, 5], [3]])
        #expect(try network.replacing(parameters) == network)
        let other = Self.network(seed: 2)
        #expect(try network.replacing(other.parameters()) == other)
    }

    @Test func replacingRefusesAnotherLayout() throws {
        var random = SplitMix64(seed: 3)
        let wider = NetworkInitializer.perceptron(sizes: [6, 7, 3], using: &random)
        #expect(throws: FederatedTrainingError.self) { try Self.network(seed: 1).replacing(wider.parameters()) }
        var fewer = try Self.network(seed: 1).parameters()
        fewer.layers.removeLast()
        #expect(throws: FederatedTrainingError.self) { try Self.network(seed: 1).replacing(fewer) }
    }

    @Test(arguments: [UpdateEncoding.float32, .int8, UpdateEncoding(quantization: .float32, topKFraction: 0.5)])
    func packedDeltaUnpacksToTheTrainedParameters(encoding: UpdateEncoding) throws {
        let global = try Self.network(seed: 1).parameters()
        let trained = try Self.network(seed: 2).parameters()
        let packed = try UpdatePacking.pack(trained: trained, global: global, encoding: encoding)
        let unpacked = try UpdatePacking.unpack(packed, onto: global)
        var largest: Float = 0
        var kept = 0
        for (got, want) in zip(unpacked.layers, trained.layers) {
            for (a, b) in zip(got.values, want.values) {
                largest = max(largest, abs(a - b))
                if abs(a - b) < 1e-6 { kept += 1 }
            }
        }
        switch (encoding.quantization, encoding.topKFraction) {
        case (.float32, nil): #expect(largest <= 1e-6)
        case (.int8, _): #expect(largest <= 0.02)
        default: #expect(kept >= trained.parameterCount / 2)
        }
    }

    @Test func unpackRejectsGarbageAndAnotherLayout() throws {
        let global = try Self.network(seed: 1).parameters()
        #expect(throws: FederatedTrainingError.self) { try UpdatePacking.unpack([1, 2, 3], onto: global) }
        var random = SplitMix64(seed: 3)
        let wider = try NetworkInitializer.perceptron(sizes: [6, 7, 3], using: &random).parameters()
        let packed = try UpdatePacking.pack(trained: wider, global: wider, encoding: .float32)
        #expect(throws: FederatedTrainingError.self) { try UpdatePacking.unpack(packed, onto: global) }
    }

    @Test func localTrainingLowersTheLossAndRefusesNoSamples() throws {
        let network = Self.network(seed: 4)
        var random = SplitMix64(seed: 5)
        let inputs = (0..<60).map { index in
            (0..<6).map { _ in Float(index % 3) + 0.3 * NetworkInitializer.gaussian(using: &random) }
        }
        let labels = (0..<60).map { $0 % 3 }
        let training = LocalTraining(epochs: 30, batchSize: 8, learningRate: 0.05, proximalMu: 0.01)
        let trained = try training.train(network, inputs: inputs, labels: labels)
        #expect(try trained.accuracy(inputs: inputs, labels: labels) > network.accuracy(inputs: inputs, labels: labels))
        #expect(try trained.accuracy(inputs: inputs, labels: labels) >= 0.9)
        #expect(throws: FederatedTrainingError.self) { try training.train(network, inputs: [], labels: []) }
    }
}
