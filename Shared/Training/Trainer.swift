import EdgeModel
import Foundation

/// Mini-batch training of a dense ``FloatNetwork`` (dense layers with fused or standalone ReLU/ReLU6, an optional
/// softmax at the end) on softmax cross-entropy, by backpropagation.
///
/// Deterministic: the same network, data, optimizer and generator seed give the same weights on every run.
/// Pruning masks (1 keeps a weight, 0 holds it at zero) are applied after every step, so fine-tuning a pruned
/// network keeps its sparsity.
public struct Trainer {
    /// The network being trained.
    public private(set) var network: FloatNetwork
    /// The update rule.
    public var optimizer: Optimizer
    private let masks: [[Float]?]
    private var weightStates: [ParameterState]
    private var biasStates: [ParameterState]
    private var step = 0

    /// A trainer for `network`; `masks`, when given, holds one optional mask per layer (weights' shape).
    ///
    /// - Throws: `TrainingError.unsupportedLayer` for convolution or pooling layers, `.badData` for masks that do
    ///   not fit.
    public init(network: FloatNetwork, optimizer: Optimizer, masks: [[Float]?]? = nil) throws(TrainingError) {
        for (index, layer) in network.layers.enumerated() {
            switch layer {
            case .dense, .relu, .relu6: continue
            case .softmax where index == network.layers.count - 1: continue
            default: throw TrainingError(.unsupportedLayer, "layer \(index): only dense networks are trained so far")
            }
        }
        do {
            _ = try network.validatedShapes()
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
        for (index, mask) in masks.enumerated() {
            guard let mask, case .dense(var dense) = network.layers[index] else { continue }
            for position in dense.weights.indices { dense.weights[position] *= mask[position] }
            self.network.layers[index] = .dense(dense)
        }
    }

    /// One pass over `inputs` in shuffled mini-batches of `batchSize`; returns the mean cross-entropy.
    ///
    /// - Throws: `TrainingError.badData` for mismatched counts, wrong-sized or non-finite inputs, labels outside
    ///   the output range; `.diverged` when the loss stops being finite.
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
            loss -= log(max(gradient[label], 1e-12))
            gradient[label] -= 1
            for index in network.layers.indices.reversed() {
                let layerInput = index == 0 ? input : outputs[index - 1]
                switch network.layers[index] {
                case .softmax:
                    continue
                case .relu, .relu6:
                    let upper: Float = network.layers[index] == .relu ? .infinity : 6
                    for position in gradient.indices
                    where !(0 < outputs[index][position] && outputs[index][position] < upper) {
                        gradient[position] = 0
                    }
                case .dense(let dense):
                    activationDerivative(dense.activation, outputs[index], &gradient)
                    accumulate(dense, layerInput, gradient, &weightGradients[index], &biasGradients[index])
                    if index > 0 { gradient = backward(dense, gradient, inputs: layerInput.count) }
                default:
                    continue
                }
            }
        }
        step += 1
        let scale = 1 / Float(inputs.count)
        for index in network.layers.indices {
            guard case .dense(var dense) = network.layers[index] else { continue }
            let weightGradient = weightGradients[index].map { $0 * scale }
            let biasGradient = biasGradients[index].map { $0 * scale }
            weightStates[index].update(&dense.weights, weightGradient, optimizer, step: step, mask: masks[index])
            biasStates[index].update(&dense.bias, biasGradient, optimizer, step: step, mask: nil)
            network.layers[index] = .dense(dense)
        }
        return loss
    }

    private func activationDerivative(_ activation: FusedActivation, _ output: [Float], _ gradient: inout [Float]) {
        let upper: Float
        switch activation {
        case .none: return
        case .relu: upper = .infinity
        case .relu6: upper = 6
        }
        for position in gradient.indices where !(0 < output[position] && output[position] < upper) {
            gradient[position] = 0
        }
    }

    private func accumulate(
        _ dense: DenseWeights,
        _ input: [Float],
        _ gradient: [Float],
        _ weightGradient: inout [Float],
        _ biasGradient: inout [Float]
    ) {
        let inputs = input.count
        weightGradient.withUnsafeMutableBufferPointer { weights in
            input.withUnsafeBufferPointer { x in
                for unit in 0..<dense.units where gradient[unit] != 0 {
                    let g = gradient[unit]
                    let row = weights.baseAddress! + unit * inputs
                    for index in 0..<inputs { row[index] += g * x[index] }
                    biasGradient[unit] += g
                }
            }
        }
    }

    private func backward(_ dense: DenseWeights, _ gradient: [Float], inputs: Int) -> [Float] {
        var result = [Float](repeating: 0, count: inputs)
        result.withUnsafeMutableBufferPointer { out in
            dense.weights.withUnsafeBufferPointer { weights in
                for unit in 0..<dense.units where gradient[unit] != 0 {
                    let g = gradient[unit]
                    let row = weights.baseAddress! + unit * inputs
                    for index in 0..<inputs { out[index] += g * row[index] }
                }
            }
        }
        return result
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
