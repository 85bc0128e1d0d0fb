/// A float network prepared for repeated inference: shapes checked once and two preallocated activation
/// buffers, so ``run(_:batch:into:)`` allocates nothing. Not thread-safe: one per thread or actor.
public final class FloatInterpreter {
    /// The network being run.
    public let network: FloatNetwork
    /// Values in one input.
    public let inputCount: Int
    /// Values in one output.
    public let outputCount: Int
    private let shapes: [[Int]]
    private let buffers: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>)

    /// Prepares `network`.
    ///
    /// - Throws: `ArtifactError.badLayer` when its layers or weights do not fit together.
    public init(network: FloatNetwork) throws(ArtifactError) {
        shapes = try network.validatedShapes()
        self.network = network
        inputCount = network.inputShape.reduce(1, *)
        outputCount = shapes.last?.reduce(1, *) ?? inputCount
        let largest = ([inputCount] + shapes.map { $0.reduce(1, *) }).max() ?? 0
        buffers = (.allocate(capacity: largest), .allocate(capacity: largest))
        buffers.0.initialize(repeating: 0)
        buffers.1.initialize(repeating: 0)
    }

    deinit {
        buffers.0.deallocate()
        buffers.1.deallocate()
    }

    /// Runs `batch` channel-major inputs stored one after another, writing `outputCount` values per input.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input or a wrong-sized output buffer.
    public func run(
        _ inputs: UnsafeBufferPointer<Float>,
        batch: Int,
        into output: UnsafeMutableBufferPointer<Float>
    ) throws(InferenceError) {
        try InferenceError.check(inputs, elements: inputCount, batch: batch)
        guard output.count == batch * outputCount else {
            throw InferenceError(.wrongInputSize, "output holds \(output.count) values, needs \(batch * outputCount)")
        }
        for sample in 0..<batch {
            var (x, y) = buffers
            _ = x.update(
                fromContentsOf: UnsafeBufferPointer(rebasing: inputs[(sample * inputCount)...].prefix(inputCount))
            )
            var count = inputCount
            var shape = network.inputShape
            for (layer, next) in zip(network.layers, shapes) {
                let nextCount = next.reduce(1, *)
                FloatKernels.run(
                    layer,
                    inputShape: shape,
                    UnsafeBufferPointer(rebasing: x[..<count]),
                    UnsafeMutableBufferPointer(rebasing: y[..<nextCount])
                )
                swap(&x, &y)
                count = nextCount
                shape = next
            }
            let destination = UnsafeMutableBufferPointer(
                rebasing: output[(sample * outputCount)...].prefix(outputCount)
            )
            _ = destination.update(fromContentsOf: UnsafeBufferPointer(rebasing: x[..<outputCount]))
        }
    }
}
