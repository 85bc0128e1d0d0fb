/// A model's parameters: its named float32 tensors in a fixed order, as Flower's `NDArrays` are.
public struct ModelParameters: Sendable, Equatable {
    /// The tensors, in the model's order.
    public var layers: [ParameterTensor]

    /// Creates a parameter set.
    /// - Throws: ``AggregationError`` `.layerMismatch` when two layers share a name.
    public init(layers: [ParameterTensor]) throws(AggregationError) {
        var seen = Set<String>()
        for layer in layers where !seen.insert(layer.name).inserted {
            throw AggregationError(.layerMismatch, "layer name \(layer.name) appears twice")
        }
        self.layers = layers
    }

    /// Creates a parameter set from layers taken from one already checked.
    init(checkedLayers layers: [ParameterTensor]) {
        self.layers = layers
    }

    /// The number of float parameters over all layers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.values.count } }

    /// These parameters plus a delta of the same layout (a decoded client update), element by element in float32.
    /// - Throws: ``AggregationError`` `.layerMismatch` or `.shapeMismatch` when `delta`'s layout differs,
    ///   `.nonFiniteValue` when a sum is not finite.
    public func adding(_ delta: ModelParameters) throws(AggregationError) -> ModelParameters {
        try delta.checkLayout(against: self, client: "delta")
        var layers = self.layers
        for index in layers.indices {
            let other = delta.layers[index].values
            for element in layers[index].values.indices {
                let sum = layers[index].values[element] + other[element]
                guard sum.isFinite else {
                    throw AggregationError(.nonFiniteValue, "\(layers[index].name)[\(element)]: sum is \(sum)")
                }
                layers[index].values[element] = sum
            }
        }
        return ModelParameters(checkedLayers: layers)
    }

    /// Checks that these parameters have `reference`'s layers (names and shapes, in order) and, when `values` is
    /// true, finite values.
    /// - Throws: ``AggregationError`` `.layerMismatch`, `.shapeMismatch` or `.nonFiniteValue`, naming `client`.
    func checkLayout(
        against reference: ModelParameters,
        client: String,
        values: Bool = true
    ) throws(AggregationError) {
        guard layers.count == reference.layers.count else {
            throw AggregationError(
                .layerMismatch,
                "client \(client): \(layers.count) layers, the global model has \(reference.layers.count)"
            )
        }
        for (layer, expected) in zip(layers, reference.layers) {
            guard layer.name == expected.name else {
                throw AggregationError(
                    .layerMismatch,
                    "client \(client): layer \(layer.name) where the global model has \(expected.name)"
                )
            }
            guard layer.shape == expected.shape, layer.values.count == expected.values.count else {
                throw AggregationError(
                    .shapeMismatch,
                    "client \(client): layer \(layer.name) has shape \(layer.shape), expected \(expected.shape)"
                )
            }
            if values, let bad = layer.values.firstIndex(where: { !$0.isFinite }) {
                throw AggregationError(
                    .nonFiniteValue,
                    "client \(client): layer \(layer.name)[\(bad)] is \(layer.values[bad])"
                )
            }
        }
    }
}
