import FederatedAggregation
import TestSupport
import Testing

/// Every strategy equals Flower's `aggregate_fit` within 1e-6 on the fixed inputs of
/// scripts/reference/flower_strategies.py (recorded in FlowerGolden.swift).
@Suite("Strategies equal Flower's")
struct FlowerEqualityTests {
    /// A strategy, the golden result it must reproduce, and how many rounds and clients it sees.
    struct Case: Sendable, CustomTestStringConvertible {
        let golden: String
        let rounds: Int
        let clients: Int?
        let make: @Sendable () throws -> any AggregationStrategy
        var testDescription: String { golden }

        init(
            _ golden: String,
            rounds: Int = 1,
            clients: Int? = nil,
            _ make: @escaping @Sendable () throws -> any AggregationStrategy
        ) {
            self.golden = golden
            self.rounds = rounds
            self.clients = clients
            self.make = make
        }
    }

    static let cases: [Case] = [
        Case("fedavg") { FedAvg() },
        Case("fedavg_not_inplace") { FedAvg() },
        Case("fedprox") { try FedProx(proximalMu: 0.1) },
        Case("fedavgm", rounds: 3) { try FedAvgM(serverLearningRate: 0.7, serverMomentum: 0.9) },
        Case("fedadagrad", rounds: 3) { try FedAdagrad() },
        Case("fedadam", rounds: 3) { try FedAdam() },
        Case("fedyogi", rounds: 3) { try FedYogi() },
        Case("fedmedian") { FedMedian() },
        Case("fedmedian_six_clients", clients: 6) { FedMedian() },
        Case("fedtrimmedavg") { try FedTrimmedAvg() },
        Case("fedtrimmedavg_beta_0_3") { try FedTrimmedAvg(beta: 0.3) },
        Case("krum") { try Krum(numMaliciousClients: 1) },
        Case("multikrum") { try Krum(numMaliciousClients: 1, numClientsToKeep: 3) },
        Case("bulyan") { try Bulyan(numMaliciousClients: 1) },
        Case("dp_fixed_clipping_no_noise") {
            try DPFedAvgFixedClipping(
                FedAvg(),
                noiseMultiplier: 0,
                clippingNorm: 0.5,
                numSampledClients: 7,
                generator: SplitMix64(seed: 1)
            )
        },
    ]

    @Test(arguments: cases)
    func aggregateEqualsFlower(_ testCase: Case) throws {
        let expected = try #require(FlowerGolden.results[testCase.golden])
        #expect(expected.count == testCase.rounds)
        var strategy = try testCase.make()
        var global = try GoldenFixtures.initial()
        for round in 0..<testCase.rounds {
            let updates = try GoldenFixtures.updates(round: round, clients: testCase.clients)
            global = try strategy.aggregate(updates, in: RoundContext(number: round + 1, global: global))
            let difference = GoldenFixtures.largestDifference(global, expected[round])
            #expect(difference <= 1e-6, "\(testCase.golden) round \(round + 1): off by \(difference)")
        }
    }

    @Test func dpNoiseStandardDeviationIsFlowers() throws {
        let strategy = try DPFedAvgFixedClipping(
            FedAvg(),
            noiseMultiplier: 1.2,
            clippingNorm: 0.5,
            numSampledClients: 7,
            generator: SplitMix64(seed: 1)
        )
        #expect(abs(strategy.noiseStandardDeviation - FlowerGolden.dpNoiseStandardDeviation) <= 1e-15)
    }

    @Test func streamedAccumulatorEqualsFedAvg() throws {
        let updates = try GoldenFixtures.updates(round: 0)
        var accumulator = WeightedAverageAccumulator(global: try GoldenFixtures.initial())
        for update in updates { try accumulator.add(update) }
        #expect(accumulator.clientCount == updates.count)
        let expected = try #require(FlowerGolden.results["fedavg"])
        #expect(GoldenFixtures.largestDifference(try accumulator.mean(), expected[0]) <= 1e-6)
    }

    @Test func krumPicksAnHonestClientAndMultiKrumDropsTheAttacker() throws {
        let updates = try GoldenFixtures.updates(round: 0)
        let round = RoundContext(number: 1, global: try GoldenFixtures.initial())
        var krum = try Krum(numMaliciousClients: 1)
        let chosen = try krum.aggregate(updates, in: round)
        #expect(chosen != updates.last?.parameters)
        #expect(updates.dropLast().contains { $0.parameters == chosen })
        var multiKrum = try Krum(numMaliciousClients: 1, numClientsToKeep: 6)
        let honest = try WeightedAverage.mean(of: Array(updates.dropLast()), global: round.global)
        #expect(try multiKrum.aggregate(updates, in: round) == honest)
    }
}
