import EdgeModel
import Foundation
import ModelTraining
import TestSupport
import Testing

/// Two Gaussian blobs in 4-D, labels 0 and 1, from a seed.
private func blobs(_ count: Int, seed: UInt64) -> (inputs: [[Float]], labels: [Int]) {
    var random = SplitMix64(seed: seed)
    let labels = (0..<count).map { $0 % 2 }
    let inputs = labels.map { label in
        (0..<4).map { _ in Float(label * 2 - 1) + 0.5 * NetworkInitializer.gaussian(using: &random) }
    }
    return (inputs, labels)
}

private func train(_ optimizer: Optimizer, seed: UInt64) throws -> (FloatNetwork, [Float]) {
    var random = SplitMix64(seed: seed)
    let data = blobs(200, seed: 1)
    var trainer = try Trainer(
        network: NetworkInitializer.perceptron(sizes: [4, 8, 2], using: &random),
        optimizer: optimizer
    )
    var losses: [Float] = []
    for _ in 0..<5 {
        losses.append(try trainer.trainEpoch(inputs: data.inputs, labels: data.labels, batchSize: 16, using: &random))
    }
    return (trainer.network, losses)
}

@Test(arguments: [Optimizer.sgd(learningRate: 0.1, momentum: 0.9), .adam(learningRate: 0.01)])
func trainingLowersTheLossAndSeparatesBlobs(optimizer: Optimizer) throws {
    let (network, losses) = try train(optimizer, seed: 3)
    #expect(losses.last! < losses.first! * 0.5, "\(losses)")
    let test = blobs(100, seed: 2)
    #expect(try network.accuracy(inputs: test.inputs, labels: test.labels) >= 0.95)
}

@Test func trainingIsDeterministicForASeed() throws {
    let first = try train(.adam(learningRate: 0.01), seed: 4)
    let second = try train(.adam(learningRate: 0.01), seed: 4)
    let other = try train(.adam(learningRate: 0.01), seed: 5)
    #expect(first.0 == second.0)
    #expect(first.0 != other.0)
}

@Test func masksKeepPrunedWeightsAtZero() throws {
    var random = SplitMix64(seed: 6)
    let network = NetworkInitializer.perceptron(sizes: [4, 8, 2], using: &random)
    let masks = MagnitudePruning.masks(for: network, sparsity: 0.5, scope: .perLayer)
    var trainer = try Trainer(network: network, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), masks: masks)
    let data = blobs(64, seed: 7)
    _ = try trainer.trainEpoch(inputs: data.inputs, labels: data.labels, batchSize: 8, using: &random)
    for (layer, mask) in zip(trainer.network.layers, masks) {
        guard let mask else { continue }
        #expect(zip(layer.weights, mask).allSatisfy { $1 != 0 || $0 == 0 })
    }
}

@Test func trainerRejectsBadNetworksAndData() throws {
    var random = SplitMix64(seed: 8)
    let network = NetworkInitializer.perceptron(sizes: [4, 3, 2], using: &random)
    let softmaxFirst = FloatNetwork(inputShape: [4], layers: [.softmax] + network.layers)
    #expect { try Trainer(network: softmaxFirst, optimizer: .adam(learningRate: 0.01)) } throws: {
        ($0 as? TrainingError)?.code == .unsupportedLayer
    }
    #expect { try Trainer(network: network, optimizer: .adam(learningRate: 0.01), masks: [[1]]) } throws: {
        ($0 as? TrainingError)?.code == .badData
    }
    var trainer = try Trainer(network: network, optimizer: .adam(learningRate: 0.01))
    let cases: [([[Float]], [Int])] = [
        ([[0, 0, 0, 0]], [2]), ([[0, 0, 0]], [0]), ([[0, .nan, 0, 0]], [0]), ([[0, 0, 0, 0]], []), ([], []),
    ]
    for (inputs, labels) in cases {
        #expect { try trainer.trainEpoch(inputs: inputs, labels: labels, batchSize: 4, using: &random) } throws: {
            ($0 as? TrainingError)?.code == .badData
        }
    }
}

@Test func backpropagationMatchesFiniteDifferencesThroughEveryLayerKind() throws {
    var random = SplitMix64(seed: 12)
    let network = FloatNetwork(
        inputShape: [2, 12],
        layers: [
            RandomNetworks.conv(3, channels: 2, kernel: 3, padding: 1, .relu, &random),
            .maxPool1D(PoolSpec(size: 2, stride: 2)),
            RandomNetworks.conv(4, channels: 3, kernel: 2, stride: 1, dilation: 2, .none, &random), .relu6,
            .avgPool1D(PoolSpec(size: 2, stride: 1)), .flatten, RandomNetworks.dense(3, inputs: 12, .none, &random),
            .softmax,
        ]
    )
    let input = RandomNetworks.inputs(24, samples: 1, &random)[0]
    let label = 1
    func loss(_ candidate: FloatNetwork) throws -> Double { -log(Double(try candidate.predict(input)[label])) }
    // One plain SGD step on one sample moves every weight by −rate · gradient.
    let rate: Float = 1e-3
    var trainer = try Trainer(network: network, optimizer: .sgd(learningRate: rate, momentum: 0))
    _ = try trainer.trainEpoch(inputs: [input], labels: [label], batchSize: 1, using: &random)
    var checked = 0
    for index in network.layers.indices where !network.layers[index].weights.isEmpty {
        let before = network.layers[index].weights
        let after = trainer.network.layers[index].weights
        for position in stride(from: 0, to: before.count, by: max(1, before.count / 6)) {
            let analytic = Double(before[position] - after[position]) / Double(rate)
            let epsilon: Float = 1e-3
            var plus = network
            var minus = network
            plus.layers[index] = perturbed(network.layers[index], position, epsilon)
            minus.layers[index] = perturbed(network.layers[index], position, -epsilon)
            let numeric = (try loss(plus) - loss(minus)) / (2 * Double(epsilon))
            #expect(abs(analytic - numeric) <= 2e-2 + 0.05 * abs(numeric), "layer \(index) weight \(position)")
            checked += 1
        }
    }
    #expect(checked >= 18)
}

private func perturbed(_ layer: FloatLayer, _ position: Int, _ delta: Float) -> FloatLayer {
    switch layer {
    case .dense(var dense):
        dense.weights[position] += delta
        return .dense(dense)
    case .conv1D(var conv):
        conv.weights[position] += delta
        return .conv1D(conv)
    default:
        return layer
    }
}
