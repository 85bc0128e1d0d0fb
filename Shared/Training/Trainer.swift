import EdgeModel
import Foundation

/// Mini-batch training of a ``FloatNetwork`` on softmax cross-entropy, by backpropagation through every layer kind
/// (dense, 1-D convolution, ReLU, ReLU6, pooling, global average pooling, flatten, a softmax at the end).
///
/// Deterministic: the same network, data, optimizer and generator seed give the same weights on every run.
/// Pruning masks (1 keeps a weight, 0 holds it at zero) are applied after every step, so fine-tuning a pruned
/// network keeps its sparsity.
public struct Trainer {
    /// The network being trained.
    public internal(set) var network: FloatNetwork
    /// The update rule; its learning rate may change between epochs (see ``LearningRateSchedule``).
    public var optimizer: Optimizer
    /// L2 penalty on dense and convolution weights (not biases): `weightDecay · w` is added to each weight's
    /// gradient, as scikit-learn's `alpha` does (0 turns it off).
    public var weightDecay: Float = 0
    /// Weight of each class in the loss, one per output (nil: all 1); see ``ClassWeights``.
    public var classWeights: [Float]?
    /// FedProx's proximal term, nil for none; set it with ``setProximalTerm(_:)``.
    public private(set) var proximal: ProximalTerm?
    private let masks: [[Float]?]
    private var weightStates: [ParameterState]
    private var biasStates: [ParameterState]
    private var step = 0
    private let shapes: [[Int]]

    /// A trainer for `network`; `masks`, when given, holds one optional mask per layer (weights' shape).
    ///
    /// - Throws: `TrainingError.unsupportedLayer` for a softmax before the last layer, `.badData` for a network
    ///   whose shapes do not fit or masks that do not fit.
    public init(network: FloatNetwork, optimizer: Optimizer, masks: [[Float]?]? = nil) throws(TrainingError) {
        for (index, layer) in network.layers.enumerated() where layer == .softmax && index != network.layers.count - 1 {
            throw TrainingError(.unsupportedLayer, "layer \(index): softmax is trained only as the last layer")
        }
        do {
            shapes = try network.validatedShapes()
        } catch {
            throw TrainingError(.badData, "network: \(error)")
        }
        let masks = masks ?? network.layers.map { _ in nil }
        guard masks.count == network.layers.count,
            zip(masks, network.layers).allSatisfy({ $0 == nil || $0!.count == $1.weights.count })
        else {
            throw TrainingError(.badData, "one mask per layer, each the size of the layer's weights")
        }
        self.network = network
        self.optimizer = optimizer
        self.masks = masks
        weightStates = network.layers.map { ParameterState(count: $0.weights.count) }
        biasStates = network.layers.map { ParameterState(count: $0.bias.count) }
        self.network = MagnitudePruning.apply(masks, to: network)
    }

    /// Adds (or, with nil, removes) FedProx's proximal term: from the next step on, `μ · (w − w_global)` is added to
    /// every weight's and bias's gradient.
    /// - Throws: `TrainingError.badData` when the term's global model has another layout than the network.
    public mutating func setProximalTerm(_ term: ProximalTerm?) throws(TrainingError) {
        if let term, !term.fits(network) {
            throw TrainingError(.badData, "the proximal term's global model has another layout than the network")
        }
        proximal = term
    }

    /// One pass over `inputs` in shuffled mini-batches of `batchSize`; returns the mean (class-weighted)
    /// cross-entropy.
    ///
    /// - Throws: `TrainingError.badData` for mismatched counts, wrong-sized or non-finite inputs, labels outside
    ///   the output range, class weights that do not fit; `.diverged` when the loss stops being finite.
    public mutating func trainEpoch(
        inputs: [[Float]],
        labels: [Int],
        batchSize: Int,
        using generator: inout some RandomNumberGenerator
    ) throws(TrainingError) -> Float {
        let classes = network.outputCount
        guard inputs.count == labels.count, !inputs.isEmpty, batchSize >= 1,
            labels.allSatisfy({ (0..<classes).contains($0) })
        else {
            throw TrainingError(.badData, "\(inputs.count) inputs, \(labels.count) labels in 0..<\(classes)")
        }
        if let classWeights {
            guard classWeights.count == classes, classWeights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw TrainingError(.badData, "class weights: \(classWeights.count) for \(classes) classes, each ≥ 0")
            }
        }
        var order = Array(inputs.indices)
        order.shuffle(using: &generator)
        var total: Float = 0
        for start in stride(from: 0, to: order.count, by: batchSize) {
            let batch = order[start..<min(start + batchSize, order.count)]
            total += try trainBatch(batch.map { inputs[$0] }, batch.map { labels[$0] })
        }
        let mean = total / Float(inputs.count)
        guard mean.isFinite else { throw TrainingError(.diverged, "mean loss \(mean)") }
        return mean
    }

    /// Accumulates gradients over one batch and applies one update; returns the summed loss.
    private mutating func trainBatch(_ inputs: [[Float]], _ labels: [Int]) throws(TrainingError) -> Float {
        var weightGradients = network.layers.map { [Float](repeating: 0, count: $0.weights.count) }
        var biasGradients = network.layers.map { [Float](repeating: 0, count: $0.bias.count) }
        var loss: Float = 0
        for (input, label) in zip(inputs, labels) {
            let outputs: [[Float]]
            do {
                outputs = try network.activations(for: input)
            } catch {
                throw TrainingError(.badData, error.description)
            }
            var gradient = outputs[outputs.count - 1]
            if case .softmax = network.layers.last {
                // Softmax followed by cross-entropy: d loss / d logits = p − onehot.
            } else {
                gradient.withUnsafeMutableBufferPointer { Softmax.apply($0) }
            }
            let weight = classWeights?[label] ?? 1
            loss -= weight * log(max(gradient[label], 1e-12))
            gradient[label] -= 1
            if weight != 1 {
                for index in gradient.indices { gradient[index] *= weight }
            }
            for index in network.layers.indices.reversed() {
                gradient = Backpropagation.backward(
                    network.layers[index],
                    inputShape: index == 0 ? network.inputShape : shapes[index - 1],
                    input: index == 0 ? input : outputs[index - 1],
                    output: outputs[index],
                    gradient: gradient,
                    weightGradient: &weightGradients[index],
                    biasGradient: &biasGradients[index]
                )
            }
        }
        step += 1
        let scale = 1 / Float(inputs.count)
        for index in network.layers.indices where !network.layers[index].weights.isEmpty {
            var weights = network.layers[index].weights
            var bias = network.layers[index].bias
            var weightGradient = zip(weightGradients[index], weights).map { $0 * scale + weightDecay * $1 }
            var biasGradient = biasGradients[index].map { $0 * scale }
            if let proximal {
                for element in weights.indices {
                    weightGradient[element] += proximal.mu * (weights[element] - proximal.weights[index][element])
                }
                for element in bias.indices {
                    biasGradient[element] += proximal.mu * (bias[element] - proximal.biases[index][element])
                }
            }
            weightStates[index].update(&weights, weightGradient, optimizer, step: step, mask: masks[index])
            biasStates[index].update(&bias, biasGradient, optimizer, step: step, mask: nil)
            network.layers[index] = network.layers[index].replacing(weights: weights, bias: bias)
        }
        return loss
    }

}

extension FloatNetwork {
    /// Fraction of `inputs` whose top output is the matching label.
    ///
    /// - Throws: `InferenceError` for a wrong-sized or non-finite input.
    public func accuracy(inputs: [[Float]], labels: [Int]) throws(InferenceError) -> Double {
        var correct = 0
        for (input, label) in zip(inputs, labels) {
            let output = try predict(input)
            if output.indices.max(by: { output[$0] < output[$1] }) == label { correct += 1 }
        }
        return Double(correct) / Double(max(inputs.count, 1))
    }
}
