import ConfigLoading
import HubCore
import TestSupport
import Testing

@Suite("train.yaml")
struct TrainingConfigTests {
    private func read(_ yaml: String, flags: [String] = []) throws -> TrainingConfig {
        let directory = try TemporaryDirectory(prefix: "train-config")
        defer { directory.remove() }
        var reader = try ConfigReader(
            configFile: try directory.write("train.yaml", yaml),
            environmentPrefix: "TRAIN_TEST_UNSET",
            flags: flags
        )
        return try TrainingConfig.read(from: &reader)
    }

    @Test func readsEveryKeyAndKeepsDefaults() throws {
        let config = try read(
            """
            model: {kind: cnn, hidden: [32], filters: [8, 8], kernel: 5}
            train: {epochs: 40, optimizer: sgd, learning_rate: 0.05, schedule: step, class_weights: balanced}
            prune: {sparsity: 0.5}
            """,
            flags: ["train.seed=9"]
        )
        #expect(config.kind == .cnn)
        #expect(config.hidden == [32])
        #expect(config.filters == [8, 8])
        #expect(config.kernel == 5)
        #expect(config.epochs == 40)
        #expect(config.trainingOptimizer == .sgd(learningRate: 0.05, momentum: 0.9))
        #expect(config.trainingOptions.schedule == .step(every: 50, factor: 0.5))
        #expect(config.classWeights == .balanced)
        #expect(config.sparsity == 0.5)
        #expect(config.seed == 9)
        #expect(config.batchSize == TrainingConfig().batchSize)
    }

    @Test(arguments: [
        ("train: {epochs: 0}", "train.epochs"),
        ("train: {optimizer: lbfgs}", "train.optimizer"),
        ("model: {hidden: [64, x]}", "model.hidden"),
        ("model: {kernel: 4}", "model.kernel"),
        ("split: {test: 0.9}", "split.test"),
        ("train: {epoch: 3}", "train.epoch"),
    ])
    func aBadKeyIsNamedInOneLine(yaml: String, key: String) {
        do {
            _ = try read(yaml)
            Issue.record("\(yaml) was accepted")
        } catch let error as ConfigError {
            #expect(error.key == key)
            #expect(error.description.contains(key))
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
