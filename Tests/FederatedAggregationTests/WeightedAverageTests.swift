import FederatedAggregation
import TestSupport
import Testing

/// The blocked, grouped FedAvg kernel equals a plain float64 weighted mean for client counts and layer sizes that
/// exercise full groups of eight, the remainder, several blocks and a partial block.
@Suite("Weighted average kernel")
struct WeightedAverageTests {
    static func updates(clients: Int, sizes: [Int], seed: UInt64) throws -> [ClientUpdate] {
        var random = SplitMix64(seed: seed)
        return try (0..<clients).map { client in
            let layers = try sizes.enumerated().map { index, size in
                try ParameterTensor(
                    name: "layer\(index)",
                    shape: [size],
                    values: (0..<size).map { _ in Float.random(in: -2...2, using: &random) }
                )
            }
            return ClientUpdate(
                clientID: "c\(client)",
                parameters: try ModelParameters(layers: layers),
                exampleCount: Int.random(in: 1...1_000, using: &random)
            )
        }
    }

    static func naiveMean(_ updates: [ClientUpdate]) -> [[Double]] {
        let total = updates.reduce(0.0) { $0 + Double($1.exampleCount) }
        return updates[0].parameters.layers.indices.map { layer in
            updates[0].parameters.layers[layer].values.indices.map { index in
                updates.reduce(0.0) {
                    $0 + Double($1.exampleCount) * Double($1.parameters.layers[layer].values[index])
                } / total
            }
        }
    }

    @Test(arguments: [1, 7, 8, 9, 16, 19, 40])
    func heldAndStreamedMeansEqualThePlainMean(clients: Int) throws {
        let updates = try Self.updates(clients: clients, sizes: [2 * 4_096 + 13, 5, 8], seed: UInt64(clients))
        let global = updates[0].parameters
        let expected = Self.naiveMean(updates)
        let held = try WeightedAverage.mean(of: updates, global: global)
        var accumulator = WeightedAverageAccumulator(global: global)
        for update in updates { try accumulator.add(update) }
        for result in [held, try accumulator.mean()] {
            for (layer, reference) in zip(result.layers, expected) {
                for (value, golden) in zip(layer.values, reference) {
                    #expect(abs(Double(value) - golden) <= 2e-7 * max(1, abs(golden)))
                }
            }
        }
    }

    @Test func aNaNInAnyGroupMemberIsNamed() throws {
        var updates = try Self.updates(clients: 19, sizes: [100], seed: 4)
        updates[13].parameters.layers[0].values[57] = .nan
        let error = #expect(throws: AggregationError.self) {
            try WeightedAverage.mean(of: updates, global: updates[0].parameters)
        }
        #expect(error?.code == .nonFiniteValue)
        #expect(error?.context.contains("c13") == true)
    }
}

extension WeightedAverageTests {
    @Test func productsBeyondFloat32AreRefusedNotInfinite() throws {
        var updates = try Self.updates(clients: 8, sizes: [16], seed: 5)
        for index in updates.indices { updates[index].exampleCount = 1_000_000 }
        updates[2].parameters.layers[0].values[3] = 1e36
        let error = #expect(throws: AggregationError.self) {
            try WeightedAverage.mean(of: updates, global: updates[0].parameters)
        }
        #expect(error?.code == .nonFiniteValue)
    }
}
