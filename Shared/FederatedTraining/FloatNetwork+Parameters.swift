import EdgeModel
import FederatedAggregation

extension FloatNetwork {
    /// The network's trainable tensors as federated parameters, in layer order: `l{index}.w` (dense `[units, inputs]`,
    /// convolution `[filters, channels, kernel]`) then `l{index}.b` (`[units]`), the names the artifact uses.
    /// - Throws: `FederatedTrainingError` `.layoutMismatch` when a layer's weights do not fit its shape.
    public func parameters() throws(FederatedTrainingError) -> ModelParameters {
        var tensors: [ParameterTensor] = []
        do throws(AggregationError) {
            for (index, layer) in layers.enumerated() {
                let shape: [Int]
                switch layer {
                case .dense(let dense):
                    shape = [dense.units, dense.units == 0 ? 0 : dense.weights.count / dense.units]
                case .conv1D(let conv):
                    let perFilter = conv.spec.filters * conv.spec.kernel
                    shape = [conv.spec.filters, perFilter == 0 ? 0 : conv.weights.count / perFilter, conv.spec.kernel]
                default:
                    continue
                }
                tensors.append(try ParameterTensor(name: "l\(index).w", shape: shape, values: layer.weights))
                tensors.append(try ParameterTensor(name: "l\(index).b", shape: [layer.bias.count], values: layer.bias))
            }
            return try ModelParameters(layers: tensors)
        } catch {
            throw FederatedTrainingError(.layoutMismatch, error.description)
        }
    }

    /// This network with its trainable tensors replaced by `parameters` (the layout ``parameters()`` gives).
    /// - Throws: `FederatedTrainingError` `.layoutMismatch` for another number, name or size of tensors.
    public func replacing(_ parameters: ModelParameters) throws(FederatedTrainingError) -> FloatNetwork {
        var network = self
        var tensors = parameters.layers.makeIterator()
        for (index, layer) in layers.enumerated() where !layer.weights.isEmpty || !layer.bias.isEmpty {
            guard let weights = tensors.next(), let bias = tensors.next(),
                weights.name == "l\(index).w", bias.name == "l\(index).b",
                weights.values.count == layer.weights.count, bias.values.count == layer.bias.count
            else {
                throw FederatedTrainingError(.layoutMismatch, "layer \(index): parameters do not fit the network")
            }
            network.layers[index] = layer.replacing(weights: weights.values, bias: bias.values)
        }
        guard tensors.next() == nil else {
            throw FederatedTrainingError(.layoutMismatch, "more parameter tensors than the network has")
        }
        return network
    }
}
