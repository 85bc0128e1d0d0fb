import EdgeModel
import FederatedAggregation
import FederatedTraining
import ModelTraining
import TestSupport
import Testing

/// Byzantine-robust aggregation in real federated training on the digits fixture: ten clients hold IID shards and
/// train the global MLP locally each round; two of them are malicious. Krum / Multi-Krum (n = 10 ≥ 2f + 3), the
/// coordinate-wise median and the trimmed mean keep the model within 3 points of their own clean run, while FedAvg
/// is broken by the attack (Krum keeps one client's model a round, so its clean run learns slower than FedAvg's).
@Suite("Robust aggregation against malicious clients")
struct FederatedRobustnessTests {
    static let clients = 10
    static let malicious = 2
    static let rounds = 20

    enum Attack: String, CaseIterable {
        /// Sends the opposite of its honest step, ten times as large.
        case signFlip = "sign-flip ×10"
        /// Sends a step in a random direction, a hundred times as long as its honest step.
        case scaledNoise = "random step ×100"

        func poison(_ honest: FloatNetwork, from global: FloatNetwork, seed: UInt64) -> FloatNetwork {
            var random = SplitMix64(seed: seed)
            var poisoned = global
            for (index, layer) in global.layers.enumerated() {
                guard case .dense(var weights) = layer, case .dense(let trained) = honest.layers[index] else {
                    continue
                }
                let step = zip(trained.weights + trained.bias, weights.weights + weights.bias).map { $0 - $1 }
                let poisonedStep: [Float]
                switch self {
                case .signFlip: poisonedStep = step.map { -10 * $0 }
                case .scaledNoise:
                    let direction = step.map { _ in NetworkInitializer.gaussian(using: &random) }
                    let scale = 100 * Self.norm(step) / max(Self.norm(direction), .leastNormalMagnitude)
                    poisonedStep = direction.map { scale * $0 }
                }
                let count = weights.weights.count
                weights.weights = zip(weights.weights, poisonedStep[..<count]).map { $0 + $1 }
                weights.bias = zip(weights.bias, poisonedStep[count...]).map { $0 + $1 }
                poisoned.layers[index] = .dense(weights)
            }
            return poisoned
        }

        private static func norm(_ values: [Float]) -> Float { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }

    /// Test accuracy of the global model after `rounds` rounds aggregated by `strategy`, with `attack` (if any)
    /// played by the first ``malicious`` clients.
    static func run(_ strategy: any AggregationStrategy, attack: Attack?) throws -> Double {
        var strategy = strategy
        let digits = Digits.shared
        var random = SplitMix64(seed: 11)
        var global = NetworkInitializer.perceptron(sizes: [64, 10], using: &random)
        for round in 1...rounds {
            let parameters = try global.parameters()
            var updates: [ClientUpdate] = []
            for client in 0..<clients {
                let shard = Array(stride(from: client, to: digits.trainInputs.count, by: clients))
                var trainer = try Trainer(network: global, optimizer: .sgd(learningRate: 0.1, momentum: 0.9))
                var order = SplitMix64(seed: UInt64(round * 100 + client))
                _ = try trainer.trainEpoch(
                    inputs: shard.map { digits.trainInputs[$0] },
                    labels: shard.map { digits.trainLabels[$0] },
                    batchSize: 8,
                    using: &order
                )
                let local =
                    client < malicious
                    ? attack.map { $0.poison(trainer.network, from: global, seed: UInt64(round * 100 + client)) } : nil
                updates.append(
                    ClientUpdate(
                        clientID: "c\(client)",
                        parameters: try (local ?? trainer.network).parameters(),
                        exampleCount: shard.count
                    )
                )
            }
            let aggregated = try strategy.aggregate(updates, in: RoundContext(number: round, global: parameters))
            global = try global.replacing(aggregated)
        }
        return try global.accuracy(inputs: digits.testInputs, labels: digits.testLabels)
    }

    @Test func robustRulesHoldWhereFedAvgBreaks() throws {
        let clean = try Self.run(FedAvg(), attack: nil)
        #expect(clean >= 0.9, "clean FedAvg: \(clean)")
        let robust: [(String, any AggregationStrategy)] = [
            ("Krum", try Krum(numMaliciousClients: Self.malicious)),
            (
                "Multi-Krum",
                try Krum(numMaliciousClients: Self.malicious, numClientsToKeep: Self.clients - Self.malicious)
            ),
            ("FedMedian", FedMedian()),
            ("FedTrimmedAvg", try FedTrimmedAvg(beta: 0.2)),
        ]
        let cleanRuns = try robust.map { try Self.run($0.1, attack: nil) }
        for attack in Attack.allCases {
            let broken = try Self.run(FedAvg(), attack: attack)
            #expect(broken < clean - 0.2, "FedAvg under \(attack.rawValue): \(broken) vs clean \(clean)")
            for ((name, strategy), cleanRun) in zip(robust, cleanRuns) {
                let accuracy = try Self.run(strategy, attack: attack)
                let line =
                    "\(name) under \(attack.rawValue): \(accuracy), clean \(cleanRun) (FedAvg \(broken), clean \(clean))"
                print("federated robustness: \(line)")
                #expect(accuracy >= cleanRun - 0.03, "\(line)")
            }
        }
    }
}
