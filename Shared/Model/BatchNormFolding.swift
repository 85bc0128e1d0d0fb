/// Batch-norm statistics of one layer's output channels, as training leaves them:
/// `y = gamma · (x − mean) / √(variance + epsilon) + beta`.
public struct BatchNormParameters: Sendable, Hashable {
    /// Scale per channel.
    public var gamma: [Float]
    /// Shift per channel.
    public var beta: [Float]
    /// Running mean per channel.
    public var mean: [Float]
    /// Running variance per channel, ≥ 0.
    public var variance: [Float]
    /// Added to the variance, > 0.
    public var epsilon: Float

    /// Parameters with one entry per channel in each array.
    public init(gamma: [Float], beta: [Float], mean: [Float], variance: [Float], epsilon: Float = 1e-5) {
        self.gamma = gamma
        self.beta = beta
        self.mean = mean
        self.variance = variance
        self.epsilon = epsilon
    }
}

extension FloatLayer {
    /// This dense or convolution layer with a batch norm over its outputs folded into its weights and bias:
    /// `W' = W · s`, `b' = (b − mean) · s + beta` with `s = gamma / √(variance + epsilon)` per output channel. The
    /// fused activation, applied after the batch norm, stays.
    ///
    /// - Throws: `ArtifactError.badLayer` for a layer without weights (its channel count is 0), statistics whose
    ///   count differs from the layer's channels, or a negative or non-finite variance or epsilon.
    public func foldingBatchNorm(_ norm: BatchNormParameters) throws(ArtifactError) -> FloatLayer {
        let channels = bias.count
        let counts = [norm.gamma.count, norm.beta.count, norm.mean.count, norm.variance.count]
        guard channels > 0, counts.allSatisfy({ $0 == channels }) else {
            throw ArtifactError(.badLayer, "batch norm", "needs one statistic per output channel of a weighted layer")
        }
        guard norm.epsilon > 0, norm.epsilon.isFinite, norm.variance.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ArtifactError(.badLayer, "batch norm", "variance must be ≥ 0 and epsilon > 0, both finite")
        }
        let scales = (0..<channels).map { norm.gamma[$0] / (norm.variance[$0] + norm.epsilon).squareRoot() }
        let perChannel = weights.count / channels
        let folded = weights.enumerated().map { $0.element * scales[$0.offset / perChannel] }
        let shifted = (0..<channels).map { (bias[$0] - norm.mean[$0]) * scales[$0] + norm.beta[$0] }
        return replacing(weights: folded, bias: shifted)
    }
}
