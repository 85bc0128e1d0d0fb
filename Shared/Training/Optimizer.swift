import Foundation

/// How ``Trainer`` turns gradients into weight updates.
public enum Optimizer: Sendable, Hashable {
    /// Stochastic gradient descent with classical momentum: `v = μ·v + g; w −= lr·v`.
    case sgd(learningRate: Float, momentum: Float)
    /// Adam (Kingma & Ba) with bias correction.
    case adam(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8)
}

/// Optimizer state for one parameter array.
struct ParameterState {
    var first: [Float]
    var second: [Float]

    init(count: Int) {
        first = [Float](repeating: 0, count: count)
        second = [Float](repeating: 0, count: count)
    }

    /// Applies one update of `gradient` to `values` at step `step` (1-based); entries where `mask` is 0 stay 0.
    mutating func update(
        _ values: inout [Float],
        _ gradient: [Float],
        _ optimizer: Optimizer,
        step: Int,
        mask: [Float]?
    ) {
        switch optimizer {
        case .sgd(let rate, let momentum):
            for index in values.indices {
                first[index] = momentum * first[index] + gradient[index]
                values[index] -= rate * first[index]
            }
        case .adam(let rate, let beta1, let beta2, let epsilon):
            let correction1 = 1 - pow(beta1, Float(step))
            let correction2 = 1 - pow(beta2, Float(step))
            for index in values.indices {
                first[index] = beta1 * first[index] + (1 - beta1) * gradient[index]
                second[index] = beta2 * second[index] + (1 - beta2) * gradient[index] * gradient[index]
                let corrected = first[index] / correction1
                values[index] -= rate * corrected / ((second[index] / correction2).squareRoot() + epsilon)
            }
        }
        if let mask {
            for index in values.indices { values[index] *= mask[index] }
        }
    }
}
