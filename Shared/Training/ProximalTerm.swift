import EdgeModel

/// FedProx's proximal term (Li et al., 2020, and Flower's FedProx client): `μ/2 · ‖w − w_global‖²` over every weight
/// and bias, added to the training loss so that local training stays near the global model it started from. Its
/// gradient, `μ · (w − w_global)`, is what ``Trainer`` adds to each parameter's gradient.
public struct ProximalTerm: Sendable, Hashable {
    /// The weight μ, finite and ≥ 0.
    public let mu: Float
    /// The global model's weights, one array per layer (empty for layers without weights).
    let weights: [[Float]]
    /// The global model's biases, one array per layer.
    let biases: [[Float]]

    /// The term pulling a network of `anchor`'s layout towards `anchor`.
    /// - Throws: `TrainingError.badData` for a negative or non-finite μ.
    public init(mu: Float, anchor: FloatNetwork) throws(TrainingError) {
        guard mu.isFinite, mu >= 0 else { throw TrainingError(.badData, "proximal mu \(mu) must be finite and ≥ 0") }
        self.mu = mu
        weights = anchor.layers.map(\.weights)
        biases = anchor.layers.map(\.bias)
    }

    /// `μ/2 · ‖w − w_global‖²` for `network`, which must have the anchor's layout.
    public func penalty(of network: FloatNetwork) -> Float {
        var sum: Float = 0
        for (index, layer) in network.layers.enumerated() {
            for (value, anchor) in zip(layer.weights, weights[index]) { sum += (value - anchor) * (value - anchor) }
            for (value, anchor) in zip(layer.bias, biases[index]) { sum += (value - anchor) * (value - anchor) }
        }
        return mu / 2 * sum
    }

    /// Whether the anchor has `network`'s layout: as many layers, each with as many weights and biases.
    func fits(_ network: FloatNetwork) -> Bool {
        network.layers.count == weights.count
            && zip(network.layers, zip(weights, biases)).allSatisfy {
                $0.weights.count == $1.0.count && $0.bias.count == $1.1.count
            }
    }
}
