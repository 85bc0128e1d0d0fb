import EdgeModel
import Foundation
import ModelTraining
import TestSupport
import Testing

@Suite struct ProximalTermTests {
    /// A small MLP and a second one of the same layout (the "global" model the proximal term pulls towards).
    private static func networks() -> (local: FloatNetwork, global: FloatNetwork) {
        var random = SplitMix64(seed: 31)
        let local = NetworkInitializer.perceptron(sizes: [5, 4, 3], using: &random)
        let global = NetworkInitializer.perceptron(sizes: [5, 4, 3], using: &random)
        return (local, global)
    }

    @Test(arguments: [Float(0), 0.5, 4])
    func proximalGradientMatchesFiniteDifferencesOfThePenalisedLoss(mu: Float) throws {
        let (network, global) = Self.networks()
        var random = SplitMix64(seed: 32)
        let inputs = RandomNetworks.inputs(5, samples: 3, &random)
        let labels = [0, 2, 1]
        let term = try ProximalTerm(mu: mu, anchor: global)
        // Mean cross-entropy over the batch plus μ/2 · ‖w − w_global‖², computed here from predictions.
        func loss(_ candidate: FloatNetwork) throws -> Double {
            var total = 0.0
            for (input, label) in zip(inputs, labels) { total -= log(Double(try candidate.predict(input)[label])) }
            return total / Double(inputs.count) + Double(term.penalty(of: candidate))
        }
        // One plain SGD step on one full batch moves every parameter by −rate · gradient.
        let rate: Float = 1e-3
        var trainer = try Trainer(network: network, optimizer: .sgd(learningRate: rate, momentum: 0))
        try trainer.setProximalTerm(term)
        _ = try trainer.trainEpoch(inputs: inputs, labels: labels, batchSize: inputs.count, using: &random)
        var checked = 0
        for index in network.layers.indices where !network.layers[index].weights.isEmpty {
            for bias in [false, true] {
                let before = bias ? network.layers[index].bias : network.layers[index].weights
                let after = bias ? trainer.network.layers[index].bias : trainer.network.layers[index].weights
                for position in before.indices {
                    let analytic = Double(before[position] - after[position]) / Double(rate)
                    let epsilon: Float = 1e-3
                    var plus = network
                    var minus = network
                    plus.layers[index] = Self.moved(network.layers[index], bias, position, epsilon)
                    minus.layers[index] = Self.moved(network.layers[index], bias, position, -epsilon)
                    let numeric = (try loss(plus) - loss(minus)) / (2 * Double(epsilon))
                    #expect(abs(analytic - numeric) <= 1e-2 + 0.02 * abs(numeric), "layer \(index) \(position)")
                    checked += 1
                }
            }
        }
        #expect(checked == 5 * 4 + 4 + 4 * 3 + 3)
    }

    @Test func penaltyIsHalfMuTimesTheSquaredDistance() throws {
        let (network, global) = Self.networks()
        var squared: Float = 0
        for (mine, theirs) in zip(network.layers, global.layers) {
            let differences = zip(mine.weights + mine.bias, theirs.weights + theirs.bias).map { $0 - $1 }
            squared += differences.map { $0 * $0 }.reduce(0, +)
        }
        #expect(abs(try ProximalTerm(mu: 3, anchor: global).penalty(of: network) - 1.5 * squared) <= 1e-4 * squared)
        #expect(try ProximalTerm(mu: 3, anchor: network).penalty(of: network) == 0)
    }

    @Test func refusesABadMuOrAnotherLayout() throws {
        let (network, _) = Self.networks()
        for mu in [Float(-1), .nan, .infinity] {
            #expect { try ProximalTerm(mu: mu, anchor: network) } throws: { ($0 as? TrainingError)?.code == .badData }
        }
        var random = SplitMix64(seed: 33)
        let other = NetworkInitializer.perceptron(sizes: [5, 6, 3], using: &random)
        var trainer = try Trainer(network: network, optimizer: .sgd(learningRate: 0.1, momentum: 0))
        #expect { try trainer.setProximalTerm(ProximalTerm(mu: 1, anchor: other)) } throws: {
            ($0 as? TrainingError)?.code == .badData
        }
    }

    private static func moved(_ layer: FloatLayer, _ bias: Bool, _ position: Int, _ delta: Float) -> FloatLayer {
        var weights = layer.weights
        var biases = layer.bias
        if bias { biases[position] += delta } else { weights[position] += delta }
        return layer.replacing(weights: weights, bias: biases)
    }
}
