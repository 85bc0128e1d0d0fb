import EdgeModel

extension NetworkInitializer {
    /// A 1-D convolutional classifier over inputs of `inputShape` `[channels, length]`: one convolution per entry of
    /// `filters` (kernel `kernel`, stride 1, "same" padding `kernel / 2`, ReLU), then flatten, one ReLU dense layer
    /// per entry of `dense`, a dense layer of `classes` outputs and a softmax. He-normal weights (std = √(2 / fan-in),
    /// fan-in = input channels × kernel for a convolution), zero biases. `kernel` should be odd so that "same"
    /// padding keeps the length.
    public static func convolutional(
        inputShape: [Int],
        filters: [Int],
        kernel: Int,
        dense: [Int],
        classes: Int,
        using generator: inout some RandomNumberGenerator
    ) -> FloatNetwork {
        var layers: [FloatLayer] = []
        var channels = inputShape.first ?? 1
        let length = inputShape.count == 2 ? inputShape[1] : 1
        for count in filters {
            let std = (2 / Float(channels * kernel)).squareRoot()
            layers.append(
                .conv1D(
                    Conv1DWeights(
                        filters: count,
                        kernel: kernel,
                        padding: kernel / 2,
                        activation: .relu,
                        weights: (0..<(count * channels * kernel)).map { _ in std * gaussian(using: &generator) },
                        bias: [Float](repeating: 0, count: count)
                    )
                )
            )
            channels = count
        }
        layers.append(.flatten)
        let head = perceptron(sizes: [channels * length] + dense + [classes], using: &generator)
        layers += head.layers
        return FloatNetwork(inputShape: inputShape, layers: layers)
    }
}
