import Foundation

/// How the learning rate changes over epochs, from the optimizer's initial rate. Pure: epoch in, rate out.
public enum LearningRateSchedule: Sendable, Hashable {
    /// The initial rate throughout.
    case constant
    /// The rate times `factor` every `every` epochs: `rate · factor^⌊epoch / every⌋` (`every` ≥ 1).
    case step(every: Int, factor: Float)
    /// Cosine annealing from the initial rate to `floor · rate` over `epochs` epochs, then held there.
    case cosine(epochs: Int, floor: Float)

    /// The rate of epoch `epoch` (0-based) for an initial rate `initial`.
    public func rate(initial: Float, epoch: Int) -> Float {
        switch self {
        case .constant:
            return initial
        case .step(let every, let factor):
            return initial * pow(factor, Float(epoch / max(every, 1)))
        case .cosine(let epochs, let floor):
            let progress = min(Double(epoch) / Double(max(epochs, 1)), 1)
            let scale = Double(floor) + (1 - Double(floor)) * 0.5 * (1 + cos(Double.pi * progress))
            return initial * Float(scale)
        }
    }
}

extension Optimizer {
    /// The optimizer's learning rate.
    public var learningRate: Float {
        switch self {
        case .sgd(let rate, _), .adam(let rate, _, _, _): rate
        }
    }

    /// The same optimizer with another learning rate.
    public func with(learningRate rate: Float) -> Optimizer {
        switch self {
        case .sgd(_, let momentum): .sgd(learningRate: rate, momentum: momentum)
        case .adam(_, let beta1, let beta2, let epsilon):
            .adam(learningRate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon)
        }
    }
}
