import FederatedAggregation
import TestSupport
import Testing

/// Bad updates, settings and states give typed errors, never a crash or a silent result.
@Suite("Bad input gives typed errors")
struct BadInputTests {
    /// A named way to spoil round 1's golden updates, and the code every strategy must answer with.
    struct BadRound: Sendable, CustomTestStringConvertible {
        let name: String
        let code: AggregationError.Code
        let spoil: @Sendable ([ClientUpdate]) throws -> [ClientUpdate]
        var testDescription: String { name }
    }

    static let badRounds: [BadRound] = [
        BadRound(name: "no clients", code: .noClients) { _ in [] },
        BadRound(name: "a layer missing", code: .layerMismatch) { updates in
            var updates = updates
            updates[2].parameters.layers.removeLast()
            return updates
        },
        BadRound(name: "a layer renamed", code: .layerMismatch) { updates in
            var updates = updates
            updates[1].parameters.layers[0].name = "other.kernel"
            return updates
        },
        BadRound(name: "a layer reshaped", code: .shapeMismatch) { updates in
            var updates = updates
            updates[3].parameters.layers[0] = try ParameterTensor(
                name: "dense_1.kernel",
                shape: [3, 4],
                values: updates[3].parameters.layers[0].values
            )
            return updates
        },
        BadRound(name: "NaN", code: .nonFiniteValue) { updates in
            var updates = updates
            updates[4].parameters.layers[1].values[2] = .nan
            return updates
        },
        BadRound(name: "infinity", code: .nonFiniteValue) { updates in
            var updates = updates
            updates[0].parameters.layers[2].values[0] = -.infinity
            return updates
        },
        BadRound(name: "zero examples", code: .zeroExamples) { updates in
            var updates = updates
            updates[5].exampleCount = 0
            return updates
        },
        BadRound(name: "negative examples", code: .zeroExamples) { updates in
            var updates = updates
            updates[5].exampleCount = -3
            return updates
        },
    ]

    static let strategies: [@Sendable () throws -> any AggregationStrategy] = [
        { FedAvg() },
        { try FedProx(proximalMu: 0.01) },
        { try FedAvgM(serverLearningRate: 0.5, serverMomentum: 0.9) },
        { try FedAdagrad() },
        { try FedAdam() },
        { try FedYogi() },
        { FedMedian() },
        { try FedTrimmedAvg() },
        { try Krum(numMaliciousClients: 1) },
        { try Krum(numMaliciousClients: 1, numClientsToKeep: 3) },
        { try Bulyan(numMaliciousClients: 1) },
        { try ClippedUpdates(FedAvg(), clippingNorm: 1) },
        {
            try DPFedAvgFixedClipping(
                FedAvg(),
                noiseMultiplier: 1,
                clippingNorm: 1,
                numSampledClients: 7,
                generator: SplitMix64(seed: 3)
            )
        },
    ]

    @Test(arguments: badRounds)
    func everyStrategyRefusesBadUpdates(_ bad: BadRound) throws {
        let updates = try bad.spoil(try GoldenFixtures.updates(round: 0))
        let round = RoundContext(number: 1, global: try GoldenFixtures.initial())
        for make in Self.strategies {
            var strategy = try make()
            let error = #expect(throws: AggregationError.self) { try strategy.aggregate(updates, in: round) }
            #expect(error?.code == bad.code, "\(type(of: strategy)): \(String(describing: error))")
        }
    }

    @Test(arguments: badRounds)
    func accumulatorRefusesBadUpdatesAndStaysUnchanged(_ bad: BadRound) throws {
        let good = try GoldenFixtures.updates(round: 0)
        let spoiled = try bad.spoil(good)
        guard spoiled.count == good.count,
            let index = good.indices.first(where: { spoiled[$0] != good[$0] })
        else { return }
        var accumulator = WeightedAverageAccumulator(global: try GoldenFixtures.initial())
        try accumulator.add(good[0])
        let before = try accumulator.mean()
        let error = #expect(throws: AggregationError.self) { try accumulator.add(spoiled[index]) }
        #expect(error?.code == bad.code)
        #expect(accumulator.clientCount == 1)
        #expect(try accumulator.mean() == before)
    }

    @Test func emptyAccumulatorHasNoMean() {
        let accumulator = WeightedAverageAccumulator(global: (try? GoldenFixtures.initial())!)
        let error = #expect(throws: AggregationError.self) { try accumulator.mean() }
        #expect(error?.code == .noClients)
    }

    @Test func krumAndBulyanNeedEnoughClientsForTheirF() throws {
        let round = RoundContext(number: 1, global: try GoldenFixtures.initial())
        let six = try GoldenFixtures.updates(round: 0, clients: 6)
        let seven = try GoldenFixtures.updates(round: 0)
        var cases: [(any AggregationStrategy, [ClientUpdate])] = [
            (try Krum(numMaliciousClients: 2), six),
            (try Krum(numMaliciousClients: 1, numClientsToKeep: 8), seven),
            (try Bulyan(numMaliciousClients: 1), six),
            (try Bulyan(numMaliciousClients: 2), seven),
        ]
        for index in cases.indices {
            let updates = cases[index].1
            let error = #expect(throws: AggregationError.self) { try cases[index].0.aggregate(updates, in: round) }
            #expect(error?.code == .tooFewClients)
        }
    }

    static let badSettings: [@Sendable () throws -> any AggregationStrategy] = [
        { try FedProx(proximalMu: -0.1) },
        { try FedAvgM(serverLearningRate: .nan) },
        { try FedAvgM(serverMomentum: -1) },
        { try FedAdagrad(tau: 0) },
        { try FedAdam(beta1: 1) },
        { try FedAdam(eta: -1) },
        { try FedYogi(beta2: -0.1) },
        { try FedTrimmedAvg(beta: 0.5) },
        { try FedTrimmedAvg(beta: -0.1) },
        { try Krum(numMaliciousClients: -1) },
        { try Krum(numClientsToKeep: -2) },
        { try Bulyan(numMaliciousClients: -1) },
        { try ClippedUpdates(FedAvg(), clippingNorm: 0) },
        {
            try DPFedAvgFixedClipping(
                FedAvg(),
                noiseMultiplier: -1,
                clippingNorm: 1,
                numSampledClients: 3,
                generator: SplitMix64(seed: 1)
            )
        },
        {
            try DPFedAvgFixedClipping(
                FedAvg(),
                noiseMultiplier: 1,
                clippingNorm: .infinity,
                numSampledClients: 3,
                generator: SplitMix64(seed: 1)
            )
        },
        {
            try DPFedAvgFixedClipping(
                FedAvg(),
                noiseMultiplier: 1,
                clippingNorm: 1,
                numSampledClients: 0,
                generator: SplitMix64(seed: 1)
            )
        },
    ]

    @Test func outOfRangeSettingsAreRefused() {
        for make in Self.badSettings {
            let error = #expect(throws: AggregationError.self) { _ = try make() }
            #expect(error?.code == .invalidSetting)
        }
    }

    @Test func serverStateRefusesAnotherLayout() throws {
        var strategies: [any AggregationStrategy] = [
            try FedAdam(), try FedYogi(), try FedAdagrad(), try FedAvgM(serverMomentum: 0.9),
        ]
        let first = RoundContext(number: 1, global: try GoldenFixtures.initial())
        let smaller = try ModelParameters(layers: [ParameterTensor(name: "w", shape: [2], values: [0, 1])])
        let update = ClientUpdate(clientID: "a", parameters: smaller, exampleCount: 3)
        for index in strategies.indices {
            _ = try strategies[index].aggregate(try GoldenFixtures.updates(round: 0), in: first)
            let error = #expect(throws: AggregationError.self) {
                try strategies[index].aggregate([update], in: RoundContext(number: 2, global: smaller))
            }
            #expect(error?.code == .stateMismatch)
        }
    }

    @Test func tensorsAndModelsCheckTheirShapes() {
        let wrongCount = #expect(throws: AggregationError.self) {
            try ParameterTensor(name: "w", shape: [2, 3], values: [1, 2, 3])
        }
        #expect(wrongCount?.code == .shapeMismatch)
        let negative = #expect(throws: AggregationError.self) {
            try ParameterTensor(name: "w", shape: [-1, -2], values: [1, 2])
        }
        #expect(negative?.code == .shapeMismatch)
        let overflow = #expect(throws: AggregationError.self) {
            try ParameterTensor(name: "w", shape: [Int.max, 3], values: [])
        }
        #expect(overflow?.code == .shapeMismatch)
        let duplicate = #expect(throws: AggregationError.self) {
            let tensor = try ParameterTensor(name: "w", shape: [1], values: [1])
            _ = try ModelParameters(layers: [tensor, tensor])
        }
        #expect(duplicate?.code == .layerMismatch)
    }

    @Test func addingADeltaOfAnotherLayoutOrOverflowingIsRefused() throws {
        let global = try GoldenFixtures.initial()
        let smaller = try ModelParameters(layers: [ParameterTensor(name: "w", shape: [2], values: [0, 1])])
        #expect(throws: AggregationError.self) { try global.adding(smaller) }
        let big = try ModelParameters(layers: [
            ParameterTensor(name: "w", shape: [2], values: [.greatestFiniteMagnitude, 1])
        ])
        let error = #expect(throws: AggregationError.self) { try big.adding(big) }
        #expect(error?.code == .nonFiniteValue)
        #expect(try smaller.adding(smaller).layers[0].values == [0, 2])
    }
}
