#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flower's `FedOpt` family (Reddi et al., 2021): FedAvg gives the pseudo-gradient `Δ = fedavg − w_global`; the server
/// keeps `m ← β₁ m + (1 − β₁) Δ` and a second moment `v` by ``Rule``, then steps `w ← w_global + η' m / (√v + τ)`.
/// `m` and `v` start at zero and are kept in float64 across rounds.
struct AdaptiveServerOptimizer: Sendable {
    /// How `v` is updated and `η'` derived.
    enum Rule: Sendable {
        /// `v ← v + Δ²`; `η' = η`.
        case adagrad
        /// `v ← β₂ v + (1 − β₂) Δ²`; `η' = η √(1 − β₂^(t+1)) / (1 − β₁^(t+1))` with t the round (Flower's exponent).
        case adam
        /// `v ← v − (1 − β₂) Δ² sign(v − Δ²)`; `η' = η`.
        case yogi
    }

    let rule: Rule
    let eta: Double
    let etaL: Double
    let beta1: Double
    let beta2: Double
    let tau: Double
    private var firstMoment: [[Double]] = []
    private var secondMoment: [[Double]] = []

    /// Creates an optimiser.
    /// - Throws: ``AggregationError`` `.invalidSetting` when a rate is negative or not finite, β₁ or β₂ outside
    ///   [0, 1), or τ not positive.
    init(
        rule: Rule,
        eta: Double,
        etaL: Double,
        beta1: Double,
        beta2: Double,
        tau: Double
    ) throws(AggregationError) {
        let settings = "eta \(eta), eta_l \(etaL), beta_1 \(beta1), beta_2 \(beta2), tau \(tau)"
        guard eta.isFinite, eta >= 0, etaL.isFinite, etaL >= 0 else {
            throw AggregationError(.invalidSetting, "\(settings): eta and eta_l must be finite and ≥ 0")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            throw AggregationError(.invalidSetting, "\(settings): beta_1 and beta_2 must be in [0, 1)")
        }
        guard tau.isFinite, tau > 0 else {
            throw AggregationError(.invalidSetting, "\(settings): tau must be finite and > 0")
        }
        self.rule = rule
        self.eta = eta
        self.etaL = etaL
        self.beta1 = beta1
        self.beta2 = beta2
        self.tau = tau
    }

    /// FedAvg over `updates`, then one server step from `round.global`.
    mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        let average = try WeightedAverage.mean(of: updates, global: round.global)
        let global = round.global.layers
        let counts = global.map(\.values.count)
        if firstMoment.isEmpty {
            firstMoment = counts.map { [Double](repeating: 0, count: $0) }
            secondMoment = firstMoment
        }
        guard firstMoment.map(\.count) == counts else {
            throw AggregationError(.stateMismatch, "server moments were built for another model layout")
        }
        let stepSize: Double
        switch rule {
        case .adam:
            let exponent = Double(round.number) + 1
            stepSize = eta * (1 - pow(beta2, exponent)).squareRoot() / (1 - pow(beta1, exponent))
        case .adagrad, .yogi:
            stepSize = eta
        }
        var layers = global
        for layer in layers.indices {
            let averaged = average.layers[layer].values
            for index in layers[layer].values.indices {
                let current = Double(layers[layer].values[index])
                let delta = Double(averaged[index]) - current
                let first = beta1 * firstMoment[layer][index] + (1 - beta1) * delta
                let second = nextSecondMoment(secondMoment[layer][index], delta)
                firstMoment[layer][index] = first
                secondMoment[layer][index] = second
                layers[layer].values[index] = Float(current + stepSize * first / (second.squareRoot() + tau))
            }
        }
        return ModelParameters(checkedLayers: layers)
    }

    private func nextSecondMoment(_ previous: Double, _ delta: Double) -> Double {
        let squared = delta * delta
        switch rule {
        case .adagrad:
            return previous + squared
        case .adam:
            return beta2 * previous + (1 - beta2) * squared
        case .yogi:
            let difference = previous - squared
            let sign: Double = difference > 0 ? 1 : (difference < 0 ? -1 : 0)
            return previous - (1 - beta2) * squared * sign
        }
    }
}
