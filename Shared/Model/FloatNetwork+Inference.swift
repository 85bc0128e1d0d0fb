extension FloatNetwork {
    /// The output of every layer for one input (channel-major), the last being the network's output.
    ///
    /// Allocates per call: this is the reference path for training, calibration and tests; ``FloatInterpreter``
    /// is the allocation-free one.
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input, `ArtifactError` never (shapes are checked
    ///   first and a mismatch is reported as `.wrongInputSize`).
    public func activations(for input: [Float]) throws(InferenceError) -> [[Float]] {
        let shapes: [[Int]]
        do {
            shapes = try validatedShapes()
        } catch {
            throw InferenceError(.wrongInputSize, "the network itself is inconsistent: \(error)")
        }
        try input.withUnsafeBufferPointer { buffer throws(InferenceError) in
            try InferenceError.check(buffer, elements: inputShape.reduce(1, *), batch: 1)
        }
        var outputs: [[Float]] = []
        outputs.reserveCapacity(layers.count)
        var current = input
        var currentShape = inputShape
        for (layer, shape) in zip(layers, shapes) {
            let next = [Float](unsafeUninitializedCapacity: shape.reduce(1, *)) { buffer, count in
                current.withUnsafeBufferPointer { FloatKernels.run(layer, inputShape: currentShape, $0, buffer) }
                count = buffer.count
            }
            outputs.append(next)
            current = next
            currentShape = shape
        }
        return outputs
    }

    /// The network's output for one input.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input.
    public func predict(_ input: [Float]) throws(InferenceError) -> [Float] {
        try activations(for: input).last ?? input
    }
}
