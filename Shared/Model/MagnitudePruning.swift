/// Unstructured magnitude pruning: the weights of smallest absolute value are set to zero until a target
/// fraction of them is zero. Biases are never pruned.
public enum MagnitudePruning {
    /// Whether the target sparsity applies to all weights together or to every layer on its own.
    public enum Scope: Sendable, Hashable {
        /// One threshold over the weights of every dense and convolution layer.
        case global
        /// Each dense and convolution layer reaches the target on its own.
        case perLayer
    }

    /// One mask per layer (1 keeps a weight, 0 prunes it; nil for layers without weights) that zeroes the
    /// `sparsity` fraction (0...1, clamped) of smallest-magnitude weights. Ties at the threshold are broken by
    /// position, so exactly `⌈sparsity · count⌉` weights are pruned in each scope.
    public static func masks(for network: FloatNetwork, sparsity: Double, scope: Scope) -> [[Float]?] {
        let target = min(max(sparsity, 0), 1)
        let weights = network.layers.map(\.weights)
        var masks: [[Float]?] = weights.map { $0.isEmpty ? nil : [Float](repeating: 1, count: $0.count) }
        let groups: [[Int]] =
            switch scope {
            case .global: [Array(weights.indices)]
            case .perLayer: weights.indices.map { [$0] }
            }
        for group in groups {
            var entries: [(magnitude: Float, layer: Int, index: Int)] = []
            for layer in group {
                for (index, value) in weights[layer].enumerated() { entries.append((abs(value), layer, index)) }
            }
            let count = Int((Double(entries.count) * target).rounded(.up))
            entries.sort { ($0.magnitude, $0.layer, $0.index) < ($1.magnitude, $1.layer, $1.index) }
            for entry in entries.prefix(count) { masks[entry.layer]?[entry.index] = 0 }
        }
        return masks
    }

    /// `network` with every weight multiplied by its mask (layers whose mask is nil are unchanged).
    public static func apply(_ masks: [[Float]?], to network: FloatNetwork) -> FloatNetwork {
        var result = network
        for (index, mask) in masks.enumerated() where index < result.layers.count {
            guard let mask else { continue }
            let layer = result.layers[index]
            guard layer.weights.count == mask.count else { continue }
            result.layers[index] = layer.replacing(weights: zip(layer.weights, mask).map { $0 * $1 }, bias: layer.bias)
        }
        return result
    }
}
