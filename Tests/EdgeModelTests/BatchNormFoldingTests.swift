import EdgeModel
import TestSupport
import Testing

@Test(arguments: ["mlp", "cnn"])
func foldedBatchNormEqualsTheExplicitOne(name: String) throws {
    let network = RandomNetworks.network(name)
    let channels = network.layers[0].bias.count
    let norm = BatchNormParameters(
        gamma: (0..<channels).map { 0.5 + Float($0 % 5) * 0.3 },
        beta: (0..<channels).map { Float($0 % 3) * 0.2 - 0.2 },
        mean: (0..<channels).map { Float($0 % 7) * 0.1 - 0.3 },
        variance: (0..<channels).map { 0.2 + Float($0 % 4) }
    )
    var folded = network
    folded.layers[0] = try network.layers[0].foldingBatchNorm(norm)
    var plain = network
    switch plain.layers[0] {
    case .dense(var dense):
        dense.activation = .none
        plain.layers[0] = .dense(dense)
    case .conv1D(var conv):
        conv.spec.activation = .none
        plain.layers[0] = .conv1D(conv)
    default: break
    }
    var random = SplitMix64(seed: 21)
    for input in RandomNetworks.inputs(network.inputShape.reduce(1, *), samples: 5, &random) {
        // The first layer's raw output, batch-normalised by hand and passed through ReLU, as the folded layer does.
        let raw = try FloatNetwork(inputShape: network.inputShape, layers: [plain.layers[0]]).predict(input)
        let perChannel = raw.count / channels
        let expected = raw.enumerated().map { index, value in
            let channel = index / perChannel
            let normalised =
                norm.gamma[channel] * (value - norm.mean[channel])
                / (norm.variance[channel] + norm.epsilon).squareRoot() + norm.beta[channel]
            return max(normalised, 0)
        }
        let got = try FloatNetwork(inputShape: network.inputShape, layers: [folded.layers[0]]).predict(input)
        #expect(zip(expected, got).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) })
    }
}

@Test func batchNormFoldingRejectsBadStatistics() {
    let layer = FormulaNetworks.dense(2, inputs: 3, layer: 0)
    let good = BatchNormParameters(gamma: [1, 1], beta: [0, 0], mean: [0, 0], variance: [1, 1])
    var short = good
    short.mean = [0]
    var negative = good
    negative.variance = [-1, 1]
    for norm in [short, negative] {
        #expect { try layer.foldingBatchNorm(norm) } throws: { ($0 as? ArtifactError)?.code == .badLayer }
    }
    #expect { try FloatLayer.relu.foldingBatchNorm(good) } throws: { ($0 as? ArtifactError)?.code == .badLayer }
}
