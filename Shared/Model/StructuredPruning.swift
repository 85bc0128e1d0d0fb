/// Structured pruning: whole neurons of dense layers and whole filters of convolutions are removed, with the
/// matching inputs of the next weighted layer, which gives a smaller dense network rather than a sparse one.
public enum StructuredPruning {
    /// `network` with, in every dense or convolution layer whose output feeds another weighted layer, only the
    /// ⌈keep · units⌉ (at least 1) units of largest L2 norm (weights and bias) kept, in their original order.
    /// Output layers keep every unit. Layers between the two (ReLU, ReLU6, pooling, global average pool, flatten)
    /// pass channels through; after a flatten each channel's `length` inputs go together.
    ///
    /// - Throws: `ArtifactError.badLayer` when the network's shapes are inconsistent.
    public static func prune(_ network: FloatNetwork, keep: Double) throws(ArtifactError) -> FloatNetwork {
        var result = network
        for index in network.layers.indices {
            guard let (next, group) = try consumer(of: index, in: result) else { continue }
            let layer = result.layers[index]
            let units = layer.bias.count
            let perUnit = layer.weights.count / units
            let norms = (0..<units).map { unit in
                layer.weights[(unit * perUnit)..<((unit + 1) * perUnit)].reduce(layer.bias[unit] * layer.bias[unit]) {
                    $0 + $1 * $1
                }
            }
            let count = max(1, min(units, Int((Double(units) * min(max(keep, 0), 1)).rounded(.up))))
            let kept = (0..<units).sorted { (norms[$0], -$0) > (norms[$1], -$1) }.prefix(count).sorted()
            result.layers[index] = layer.keepingOutputs(kept)
            result.layers[next] = result.layers[next].keepingInputs(kept, group: group)
        }
        _ = try result.validatedShapes()
        return result
    }

    /// The next weighted layer after `index` and how many of its inputs each channel of `index` feeds, when only
    /// channel-preserving layers lie between; nil for output layers and non-weighted layers.
    private static func consumer(of index: Int, in network: FloatNetwork) throws(ArtifactError) -> (Int, Int)? {
        guard !network.layers[index].bias.isEmpty else { return nil }
        let shapes = try network.validatedShapes()
        var group = 1
        for next in (index + 1)..<network.layers.count {
            switch network.layers[next] {
            case .dense, .conv1D: return (next, group)
            case .flatten: group = shapes[next - 1][1]
            case .relu, .relu6, .maxPool1D, .avgPool1D, .globalAvgPool: continue
            case .softmax: return nil
            }
        }
        return nil
    }
}

extension FloatLayer {
    /// The layer with only the output units (dense) or filters (convolution) at `kept`.
    fileprivate func keepingOutputs(_ kept: [Int]) -> FloatLayer {
        switch self {
        case .dense(var dense):
            let inputs = dense.weights.count / dense.units
            dense.weights = kept.flatMap { dense.weights[($0 * inputs)..<(($0 + 1) * inputs)] }
            dense.bias = kept.map { dense.bias[$0] }
            dense.units = kept.count
            return .dense(dense)
        case .conv1D(var conv):
            let perFilter = conv.weights.count / conv.spec.filters
            conv.weights = kept.flatMap { conv.weights[($0 * perFilter)..<(($0 + 1) * perFilter)] }
            conv.bias = kept.map { conv.bias[$0] }
            conv.spec.filters = kept.count
            return .conv1D(conv)
        default:
            return self
        }
    }

    /// The layer reading only the input channels at `kept`, each channel being `group` consecutive inputs
    /// (dense) or one input channel (convolution).
    fileprivate func keepingInputs(_ kept: [Int], group: Int) -> FloatLayer {
        switch self {
        case .dense(var dense):
            let inputs = dense.weights.count / dense.units
            let columns = kept.flatMap { ($0 * group)..<(($0 + 1) * group) }
            dense.weights = (0..<dense.units).flatMap { unit in columns.map { dense.weights[unit * inputs + $0] } }
            return .dense(dense)
        case .conv1D(var conv):
            let kernel = conv.spec.kernel
            let channels = conv.weights.count / (conv.spec.filters * kernel)
            var weights: [Float] = []
            for filter in 0..<conv.spec.filters {
                for channel in kept {
                    let start = (filter * channels + channel) * kernel
                    weights += conv.weights[start..<(start + kernel)]
                }
            }
            conv.weights = weights
            return .conv1D(conv)
        default:
            return self
        }
    }
}
