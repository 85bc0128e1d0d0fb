import EdgeModel
import Foundation

/// The networks of scripts/reference/float_engine.py, built from the same formula: parameters
/// `0.5 · sin(0.7 · i + seed)` (weights seed = layer + 1, bias seed = layer + 11), inputs `2 · cos(0.3 · i)`,
/// computed in Double and rounded to Float.
enum FormulaNetworks {
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(0.5 * sin(0.7 * Double($0) + Double(seed))) }
    }

    static func inputs(_ count: Int) -> [Float] {
        (0..<count).map { Float(2 * cos(0.3 * Double($0))) }
    }

    static func dense(_ units: Int, inputs: Int, layer: Int, _ activation: FusedActivation = .none) -> FloatLayer {
        .dense(
            DenseWeights(
                units: units,
                weights: values(units * inputs, seed: layer + 1),
                bias: values(units, seed: layer + 11),
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
        layer: Int,
        _ activation: FusedActivation = .none
    ) -> FloatLayer {
        .conv1D(
            Conv1DWeights(
                filters: filters,
                kernel: kernel,
                stride: stride,
                padding: padding,
                dilation: dilation,
                activation: activation,
                weights: values(filters * channels * kernel, seed: layer + 1),
                bias: values(filters, seed: layer + 11)
            )
        )
    }

    /// Conv (dilated, padded, ReLU) → max pool → conv (strided, ReLU6) → average pool → flatten → dense → softmax.
    static let networkA = FloatNetwork(
        inputShape: [3, 20],
        layers: [
            conv(4, channels: 3, kernel: 3, padding: 2, dilation: 2, layer: 0, .relu),
            .maxPool1D(PoolSpec(size: 2, stride: 2)),
            conv(5, channels: 4, kernel: 3, stride: 2, padding: 1, layer: 2, .relu6),
            .avgPool1D(PoolSpec(size: 2, stride: 1)),
            .flatten,
            dense(6, inputs: 20, layer: 5),
            .softmax,
        ]
    )

    /// Conv → standalone ReLU → global average pool → dense (ReLU) → dense.
    static let networkB = FloatNetwork(
        inputShape: [2, 16],
        layers: [
            conv(3, channels: 2, kernel: 5, layer: 0),
            .relu,
            .globalAvgPool,
            dense(4, inputs: 3, layer: 3, .relu),
            dense(3, inputs: 4, layer: 4),
        ]
    )
}
