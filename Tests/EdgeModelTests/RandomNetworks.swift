import EdgeModel
import ModelTraining
import TestSupport

/// Seeded random networks and inputs for the int8 equivalence tests.
enum RandomNetworks {
    static func dense(
        _ units: Int,
        inputs: Int,
        _ activation: FusedActivation,
        _ random: inout SplitMix64
    ) -> FloatLayer {
        let std = (2 / Float(inputs)).squareRoot()
        return .dense(
            DenseWeights(
                units: units,
                weights: (0..<(units * inputs)).map { _ in std * NetworkInitializer.gaussian(using: &random) },
                bias: (0..<units).map { _ in 0.1 * NetworkInitializer.gaussian(using: &random) },
                activation: activation
            )
        )
    }

    static func conv(
        _ filters: Int,
        channels: Int,
        kernel: Int,
        stride: Int = 1,
        padding: Int = 0,
        dilation: Int = 1,
        _ activation: FusedActivation,
        _ random: inout SplitMix64
    ) -> FloatLayer {
        let std = (2 / Float(channels * kernel)).squareRoot()
        return .conv1D(
            Conv1DWeights(
                filters: filters,
                kernel: kernel,
                stride: stride,
                padding: padding,
                dilation: dilation,
                activation: activation,
                weights: (0..<(filters * channels * kernel)).map { _ in
                    std * NetworkInitializer.gaussian(using: &random)
                },
                bias: (0..<filters).map { _ in 0.1 * NetworkInitializer.gaussian(using: &random) }
            )
        )
    }

    static func inputs(_ count: Int, samples: Int, scale: Float = 1, _ random: inout SplitMix64) -> [[Float]] {
        (0..<samples).map { _ in (0..<count).map { _ in scale * NetworkInitializer.gaussian(using: &random) } }
    }

    /// The networks the equivalence test covers, by name: every layer kind, odd sizes, padding, stride, dilation.
    static func network(_ name: String) -> FloatNetwork {
        var random = SplitMix64(seed: UInt64(name.utf8.reduce(7) { $0 &* 31 &+ Int($1) }))
        switch name {
        case "mlp":
            return FloatNetwork(
                inputShape: [64],
                layers: [
                    dense(128, inputs: 64, .relu, &random), dense(64, inputs: 128, .relu, &random),
                    dense(8, inputs: 64, .none, &random),
                ]
            )
        case "odd-mlp":
            return FloatNetwork(
                inputShape: [37],
                layers: [
                    dense(23, inputs: 37, .none, &random), .relu6, dense(5, inputs: 23, .none, &random), .softmax,
                ]
            )
        case "cnn":
            return FloatNetwork(
                inputShape: [3, 128],
                layers: [
                    conv(16, channels: 3, kernel: 5, .relu, &random), conv(32, channels: 16, kernel: 5, .relu, &random),
                    .globalAvgPool, dense(6, inputs: 32, .none, &random),
                ]
            )
        default:
            return FloatNetwork(
                inputShape: [5, 40],
                layers: [
                    conv(7, channels: 5, kernel: 3, stride: 2, padding: 2, dilation: 2, .relu6, &random),
                    .maxPool1D(PoolSpec(size: 3, stride: 2)), .relu,
                    conv(9, channels: 7, kernel: 2, padding: 1, .none, &random),
                    .avgPool1D(PoolSpec(size: 2, stride: 1)), .flatten, dense(4, inputs: 9 * 9, .none, &random),
                    .softmax,
                ]
            )
        }
    }
}
