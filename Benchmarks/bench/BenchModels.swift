import EdgeModel
import ModelTraining
import TestSupport

/// The models of `bench inference` (issue 5), with He-normal random weights from a fixed seed: an MLP
/// 64→128→64→8 with ReLU, and a CNN on 3×128 (Conv 3→16 k5, ReLU, Conv 16→32 k5, ReLU, global average pool,
/// Dense 32→6). scripts/bench/ort_inference.py builds the same shapes for ONNX Runtime.
enum BenchModels {
    static func mlp(_ random: inout SplitMix64) -> FloatNetwork {
        NetworkInitializer.perceptron(sizes: [64, 128, 64, 8], softmax: false, using: &random)
    }

    static func cnn(_ random: inout SplitMix64) -> FloatNetwork {
        func conv(_ filters: Int, _ channels: Int) -> FloatLayer {
            let std = (2 / Float(channels * 5)).squareRoot()
            let weights = (0..<(filters * channels * 5)).map { _ in std * NetworkInitializer.gaussian(using: &random) }
            let bias = [Float](repeating: 0, count: filters)
            return .conv1D(Conv1DWeights(filters: filters, kernel: 5, activation: .relu, weights: weights, bias: bias))
        }
        let head = NetworkInitializer.perceptron(sizes: [32, 6], softmax: false, using: &random).layers
        return FloatNetwork(inputShape: [3, 128], layers: [conv(16, 3), conv(32, 16), .globalAvgPool] + head)
    }

    /// `count` standard-normal inputs of `size` values, one after another.
    static func inputs(size: Int, count: Int, _ random: inout SplitMix64) -> [Float] {
        (0..<(size * count)).map { _ in NetworkInitializer.gaussian(using: &random) }
    }

    /// The int8 artifact of `network`, calibrated (min/max) on 64 random inputs.
    static func quantized(_ network: FloatNetwork, name: String, _ random: inout SplitMix64) throws -> ModelArtifact {
        let size = network.inputShape.reduce(1, *)
        let calibration = (0..<64).map { _ in inputs(size: size, count: 1, &random) }
        let labels = (0..<network.outputCount).map { "c\($0)" }
        return try PostTrainingQuantizer().quantize(
            network,
            calibration: calibration,
            metadata: ModelMetadata(name: name, version: 1, labels: labels)
        )
    }
}
