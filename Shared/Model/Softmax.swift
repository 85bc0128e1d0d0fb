import Foundation

/// The softmax function, shared by the engines and training.
public enum Softmax {
    /// Softmax of `values` in place: `exp(x − max) / Σ exp(x − max)`, so large logits do not overflow.
    public static func apply(_ values: UnsafeMutableBufferPointer<Float>) {
        let peak = values.max() ?? 0
        var total: Float = 0
        for index in values.indices {
            values[index] = exp(values[index] - peak)
            total += values[index]
        }
        for index in values.indices { values[index] /= total }
    }
}
