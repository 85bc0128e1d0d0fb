import EdgeModel
import Foundation

/// Seeded initial weights for new networks.
public enum NetworkInitializer {
    /// A multilayer perceptron `sizes[0] → … → sizes.last` with `activation` between dense layers, He-normal
    /// weights (std = √(2 / fan-in)), zero biases, and a softmax at the end when `softmax` is true.
    /// `sizes` needs at least two entries, each ≥ 1.
    public static func perceptron(
        sizes: [Int],
        activation: FusedActivation = .relu,
        softmax: Bool = true,
        using generator: inout some RandomNumberGenerator
    ) -> FloatNetwork {
        var layers: [FloatLayer] = []
        for (index, (inputs, units)) in zip(sizes, sizes.dropFirst()).enumerated() {
            let std = (2 / Float(inputs)).squareRoot()
            let weights = (0..<(inputs * units)).map { _ in std * gaussian(using: &generator) }
            let isLast = index == sizes.count - 2
            layers.append(
                .dense(
                    DenseWeights(
                        units: units,
                        weights: weights,
                        bias: [Float](repeating: 0, count: units),
                        activation: isLast ? .none : activation
                    )
                )
            )
        }
        if softmax { layers.append(.softmax) }
        return FloatNetwork(inputShape: [sizes.first ?? 0], layers: layers)
    }

    /// A standard normal sample (Box–Muller).
    public static func gaussian(using generator: inout some RandomNumberGenerator) -> Float {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
