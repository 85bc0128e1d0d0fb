import EdgeKernelCore

extension RequantizationTable {
    /// The constants of a dense or convolution layer with its fused activation.
    convenience init(_ layer: QuantizedGraph.Layer, activation: FusedActivation) {
        let channels = layer.bias.count
        let perChannel = layer.weights.count / channels
        let bias = (0..<channels).map { channel in
            let sum = layer.weights[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(Int32(0)) {
                $0 &+ Int32($1)
            }
            return layer.bias[channel] &- layer.input.zeroPoint &* sum
        }
        self.init(
            biasAdjusted: bias,
            factors: Requantization.multipliers(
                input: layer.input,
                channelScales: layer.channelScales,
                output: layer.output
            ),
            zeroPoint: layer.output.zeroPoint,
            bounds: Requantization.bounds(activation, layer.output)
        )
    }
}
