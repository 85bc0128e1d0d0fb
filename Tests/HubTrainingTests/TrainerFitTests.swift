import EdgeModel
import ModelTraining
import TestSupport
import Testing

@Suite("Trainer.fit: weight decay, class weights, early stopping")
struct TrainerFitTests {
    /// Two overlapping Gaussian blobs in 4-D, labels 0 and 1 (class 1 only every `rareEvery`-th sample).
    private func blobs(_ count: Int, seed: UInt64, rareEvery: Int = 2) -> (inputs: [[Float]], labels: [Int]) {
        var random = SplitMix64(seed: seed)
        let labels = (0..<count).map { $0 % rareEvery == 0 ? 1 : 0 }
        let inputs = labels.map { label in
            (0..<4).map { _ in Float(label * 2 - 1) * 0.5 + NetworkInitializer.gaussian(using: &random) }
        }
        return (inputs, labels)
    }

    private func trainer(seed: UInt64) throws -> Trainer {
        var random = TrainingRandom(seed: seed)
        return try Trainer(
            network: NetworkInitializer.perceptron(sizes: [4, 16, 2], using: &random),
            optimizer: .adam(learningRate: 0.01)
        )
    }

    @Test func weightDecayShrinksTheWeights() throws {
        let data = blobs(200, seed: 1)
        var plain = try trainer(seed: 2)
        var decayed = try trainer(seed: 2)
        decayed.weightDecay = 0.1
        var random1 = TrainingRandom(seed: 3)
        var random2 = TrainingRandom(seed: 3)
        let options = TrainingOptions(epochs: 20, batchSize: 16)
        _ = try plain.fit(inputs: data.inputs, labels: data.labels, options: options, using: &random1)
        _ = try decayed.fit(inputs: data.inputs, labels: data.labels, options: options, using: &random2)
        let norm = { (network: FloatNetwork) in network.layers.flatMap(\.weights).reduce(0) { $0 + $1 * $1 } }
        #expect(norm(decayed.network) < 0.8 * norm(plain.network))
    }

    @Test func classWeightsRaiseTheRecallOfARareClass() throws {
        let data = blobs(400, seed: 4, rareEvery: 8)
        let test = blobs(800, seed: 5, rareEvery: 8)
        func recallOfRareClass(_ weights: [Float]?) throws -> Double {
            var trainer = try trainer(seed: 6)
            trainer.classWeights = weights
            var random = TrainingRandom(seed: 7)
            _ = try trainer.fit(
                inputs: data.inputs,
                labels: data.labels,
                options: TrainingOptions(epochs: 15, batchSize: 16),
                using: &random
            )
            let predicted = try test.inputs.map { input in
                let output = try trainer.network.predict(input)
                return output[1] > output[0] ? 1 : 0
            }
            return ClassificationMetrics(truth: test.labels, predicted: predicted, classes: 2).recall[1]
        }
        let balanced = ClassWeights.balanced(labels: data.labels, classes: 2)
        #expect(try recallOfRareClass(balanced) > recallOfRareClass(nil) + 0.1)
    }

    @Test func earlyStoppingKeepsTheBestValidationEpoch() throws {
        let data = blobs(200, seed: 8)
        let validation = blobs(100, seed: 9)
        var trainer = try trainer(seed: 10)
        var random = TrainingRandom(seed: 11)
        var seen: [EpochProgress] = []
        let report = try trainer.fit(
            inputs: data.inputs,
            labels: data.labels,
            validation: validation,
            options: TrainingOptions(epochs: 200, batchSize: 16, earlyStoppingPatience: 3),
            using: &random
        ) { seen.append($0) }
        #expect(report.stoppedEarly)
        #expect(report.losses.count == report.keptEpoch + 3)
        #expect(seen.map(\.epoch) == Array(1...report.losses.count))
        let best = try #require(report.validationAccuracies.max())
        #expect(report.validationAccuracies[report.keptEpoch - 1] == best)
        #expect(try trainer.network.accuracy(inputs: validation.inputs, labels: validation.labels) == best)
    }

    @Test func refusesBadOptionsAndClassWeights() throws {
        let data = blobs(20, seed: 12)
        var trainer = try trainer(seed: 13)
        var random = TrainingRandom(seed: 14)
        #expect(throws: TrainingError.self) {
            try trainer.fit(
                inputs: data.inputs,
                labels: data.labels,
                options: TrainingOptions(epochs: 0, batchSize: 4),
                using: &random
            )
        }
        #expect(throws: TrainingError.self) {
            try trainer.fit(
                inputs: data.inputs,
                labels: data.labels,
                validation: ([], []),
                options: TrainingOptions(epochs: 1, batchSize: 4),
                using: &random
            )
        }
        trainer.classWeights = [1]
        #expect(throws: TrainingError.self) {
            try trainer.fit(
                inputs: data.inputs,
                labels: data.labels,
                options: TrainingOptions(epochs: 1, batchSize: 4),
                using: &random
            )
        }
    }
}
