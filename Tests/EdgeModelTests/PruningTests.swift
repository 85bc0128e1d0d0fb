import EdgeModel
import TestSupport
import Testing

@Test(arguments: [0.0, 0.3, 0.7, 0.95, 1.0])
func magnitudePruningReachesTheTargetGloballyAndPerLayer(sparsity: Double) {
    let network = RandomNetworks.network("mixed")
    let total = network.layers.reduce(0) { $0 + $1.weights.count }
    let global = MagnitudePruning.apply(
        MagnitudePruning.masks(for: network, sparsity: sparsity, scope: .global),
        to: network
    )
    #expect(
        global.layers.reduce(0) { $0 + $1.weights.count { $0 == 0 } } == Int((Double(total) * sparsity).rounded(.up))
    )
    let perLayer = MagnitudePruning.apply(
        MagnitudePruning.masks(for: network, sparsity: sparsity, scope: .perLayer),
        to: network
    )
    for layer in perLayer.layers where !layer.weights.isEmpty {
        #expect(layer.weights.count { $0 == 0 } == Int((Double(layer.weights.count) * sparsity).rounded(.up)))
    }
}

@Test func magnitudePruningRemovesTheSmallestWeights() {
    let network = FloatNetwork(
        inputShape: [3],
        layers: [.dense(DenseWeights(units: 2, weights: [0.5, -0.1, 2, -3, 0.2, 0.05], bias: [1, 1]))]
    )
    let pruned = MagnitudePruning.apply(
        MagnitudePruning.masks(for: network, sparsity: 0.5, scope: .global),
        to: network
    )
    #expect(pruned.layers[0].weights == [0.5, 0, 2, -3, 0, 0])
    #expect(pruned.layers[0].bias == [1, 1])
}

/// `network` with the units at `dead` of layer `index` zeroed (weights and bias), so they output 0.
private func killing(_ dead: [Int], of index: Int, in network: FloatNetwork) -> FloatNetwork {
    var result = network
    switch result.layers[index] {
    case .dense(var dense):
        let inputs = dense.weights.count / dense.units
        for unit in dead {
            for column in 0..<inputs { dense.weights[unit * inputs + column] = 0 }
            dense.bias[unit] = 0
        }
        result.layers[index] = .dense(dense)
    case .conv1D(var conv):
        let perFilter = conv.weights.count / conv.spec.filters
        for filter in dead {
            for offset in 0..<perFilter { conv.weights[filter * perFilter + offset] = 0 }
            conv.bias[filter] = 0
        }
        result.layers[index] = .conv1D(conv)
    default:
        break
    }
    return result
}

@Test(arguments: ["mlp", "cnn", "mixed"])
func structuredPruningDropsDeadUnitsWithoutChangingTheOutput(name: String) throws {
    var network = RandomNetworks.network(name)
    // Half the units of every hidden weighted layer are dead: pruning to half must remove exactly those.
    let hidden = network.layers.indices.filter { !network.layers[$0].bias.isEmpty }.dropLast()
    for index in hidden {
        let units = network.layers[index].bias.count
        network = killing(Array(stride(from: 1, to: units, by: 2)), of: index, in: network)
    }
    let pruned = try StructuredPruning.prune(network, keep: 0.5)
    for index in hidden {
        #expect(pruned.layers[index].bias.count == (network.layers[index].bias.count + 1) / 2)
    }
    #expect(pruned.layers.last?.bias.count == network.layers.last?.bias.count)
    var random = SplitMix64(seed: 11)
    for input in RandomNetworks.inputs(network.inputShape.reduce(1, *), samples: 10, &random) {
        let expected = try network.predict(input)
        let got = try pruned.predict(input)
        #expect(zip(expected, got).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) }, "\(expected) vs \(got)")
    }
}
