extension LayerSpec {
    /// The shape this layer produces from `input`, after checking its parameters and that `input` fits it.
    ///
    /// - Throws: `ArtifactError.badLayer` (context `layer N`) for a parameter out of range or an input shape of the
    ///   wrong rank or too short for the window.
    public func outputShape(input: [Int], index: Int) throws(ArtifactError) -> [Int] {
        let context = "layer \(index)"
        func fail(_ message: String) -> ArtifactError { ArtifactError(.badLayer, context, message) }
        switch self {
        case .dense(let spec):
            guard input.count == 1 else { throw fail("dense needs a rank-1 input, got \(input)") }
            guard spec.units >= 1 else { throw fail("dense units \(spec.units) < 1") }
            return [spec.units]
        case .conv1D(let spec):
            guard input.count == 2 else { throw fail("conv1d needs a [channels, length] input, got \(input)") }
            guard spec.filters >= 1, spec.kernel >= 1, spec.stride >= 1, spec.dilation >= 1, spec.padding >= 0 else {
                throw fail("conv1d parameters out of range: \(spec)")
            }
            let (span, overflow) = spec.dilation.multipliedReportingOverflow(by: spec.kernel - 1)
            guard !overflow, span < 1 << 24, spec.padding <= 1 << 24, spec.padding <= span else {
                throw fail("conv1d padding \(spec.padding) or dilated kernel too large")
            }
            let padded = input[1] + 2 * spec.padding
            guard padded > span else { throw fail("conv1d input length \(input[1]) shorter than its kernel") }
            return [spec.filters, (padded - span - 1) / spec.stride + 1]
        case .maxPool1D(let spec), .avgPool1D(let spec):
            guard input.count == 2 else { throw fail("pooling needs a [channels, length] input, got \(input)") }
            guard spec.size >= 1, spec.stride >= 1 else { throw fail("pooling parameters out of range: \(spec)") }
            guard input[1] >= spec.size else { throw fail("pooling window \(spec.size) longer than \(input[1])") }
            return [input[0], (input[1] - spec.size) / spec.stride + 1]
        case .globalAvgPool:
            guard input.count == 2 else { throw fail("global average pool needs a [channels, length] input") }
            return [input[0]]
        case .flatten:
            guard input.count == 2 else { throw fail("flatten needs a [channels, length] input") }
            return [input[0] * input[1]]
        case .relu, .relu6:
            return input
        case .softmax:
            guard input.count == 1 else { throw fail("softmax needs a rank-1 input, got \(input)") }
            return input
        }
    }
}
