import FederatedAggregation
import Testing

/// Builds the golden inputs of ``FlowerGolden`` as this module's types and compares outputs with Flower's.
enum GoldenFixtures {
    /// The model with `values` per layer, in FlowerGolden's layout.
    static func parameters(_ values: [[Float]]) throws -> ModelParameters {
        try ModelParameters(
            layers: zip(FlowerGolden.layerNames, zip(FlowerGolden.shapes, values)).map { name, tensor in
                try ParameterTensor(name: name, shape: tensor.0, values: tensor.1)
            }
        )
    }

    /// The initial global model.
    static func initial() throws -> ModelParameters { try parameters(FlowerGolden.initial) }

    /// Round `round`'s (0-based) updates, optionally only the first `clients`.
    static func updates(round: Int, clients: Int? = nil) throws -> [ClientUpdate] {
        let inputs = FlowerGolden.rounds[round].prefix(clients ?? FlowerGolden.rounds[round].count)
        return try inputs.enumerated().map { index, layers in
            ClientUpdate(
                clientID: "client-\(index)",
                parameters: try parameters(layers),
                exampleCount: FlowerGolden.exampleCounts[index]
            )
        }
    }

    /// The largest absolute difference between `actual` and Flower's `expected` (layer, values).
    static func largestDifference(_ actual: ModelParameters, _ expected: [[Double]]) -> Double {
        #expect(actual.layers.count == expected.count)
        var largest = 0.0
        for (layer, reference) in zip(actual.layers, expected) {
            #expect(layer.values.count == reference.count)
            for (value, golden) in zip(layer.values, reference) {
                largest = max(largest, abs(Double(value) - golden))
            }
        }
        return largest
    }
}
