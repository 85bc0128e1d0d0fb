import ConfigLoading
import ModelTraining

/// What `hub train` does, read from `train.yaml` (environment `TRAIN_…`, flags `--set key=value`). Keys:
///
/// | key | default | meaning |
/// |---|---|---|
/// | `model.kind` | `mlp` | `mlp`, or `cnn` (1-D convolutions over the raw window, `[axes, samples]`, see ``WindowTraining``) |
/// | `model.hidden` | `[64, 32]` | units of each hidden dense layer (ReLU) |
/// | `model.filters` | `[16]` | `cnn`: filters of each convolution (ReLU, "same" padding) |
/// | `model.kernel` | `3` | `cnn`: kernel length, odd |
/// | `train.epochs` | `200` | most epochs |
/// | `train.batch_size` | `32` | samples per mini-batch |
/// | `train.optimizer` | `adam` | `adam` or `sgd` (with momentum) |
/// | `train.learning_rate` | `0.001` | initial learning rate |
/// | `train.momentum` | `0.9` | `sgd` momentum |
/// | `train.weight_decay` | `0.0001` | L2 penalty on weights (scikit-learn's `alpha`) |
/// | `train.schedule` | `constant` | `constant`, `step` or `cosine` |
/// | `train.step_epochs` | `50` | `step`: epochs between decays |
/// | `train.step_factor` | `0.5` | `step`: factor of each decay |
/// | `train.patience` | `20` | early stopping: epochs without a better validation accuracy (0: off) |
/// | `train.class_weights` | `none` | `none` or `balanced` |
/// | `train.seed` | `1` | seed of the split, the initial weights and the batch order |
/// | `split.validation` | `0.1` | fraction of each class held out for early stopping |
/// | `split.test` | `0.2` | fraction of each class held out for the evaluation |
/// | `prune.sparsity` | `0` | fraction of weights pruned by magnitude after training (0: no pruning) |
/// | `prune.fine_tune_epochs` | `20` | epochs of fine-tuning after pruning |
/// | `quantize.calibration_samples` | `256` | training samples that calibrate the int8 activations |
/// | `drift.bins` | `16` | histogram bins per feature in the drift reference |
public struct TrainingConfig: Codable, Sendable, Hashable {
    /// The network family.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Dense layers.
        case mlp
        /// 1-D convolutions, then dense layers.
        case cnn
    }

    /// The optimizer family.
    public enum OptimizerKind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Adam.
        case adam
        /// SGD with momentum.
        case sgd
    }

    /// The learning-rate schedule family.
    public enum ScheduleKind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Fixed.
        case constant
        /// Step decay.
        case step
        /// Cosine annealing over `epochs`.
        case cosine
    }

    /// The per-class loss weights.
    public enum ClassWeighting: String, Codable, Sendable, Hashable, CaseIterable {
        /// All 1.
        case none
        /// scikit-learn's "balanced".
        case balanced
    }

    public var kind: Kind = .mlp
    public var hidden: [Int] = [64, 32]
    public var filters: [Int] = [16]
    public var kernel = 3
    public var epochs = 200
    public var batchSize = 32
    public var optimizer: OptimizerKind = .adam
    public var learningRate = 0.001
    public var momentum = 0.9
    public var weightDecay = 0.0001
    public var schedule: ScheduleKind = .constant
    public var stepEpochs = 50
    public var stepFactor = 0.5
    public var patience = 20
    public var classWeights: ClassWeighting = .none
    public var seed: UInt64 = 1
    public var validationFraction = 0.1
    public var testFraction = 0.2
    public var sparsity = 0.0
    public var fineTuneEpochs = 20
    public var calibrationSamples = 256
    public var driftBins = 16

    /// The defaults of the table above.
    public init() {}

    /// Reads every key, then rejects keys it does not know.
    /// - Throws: `ConfigError` naming the first bad or unknown key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> TrainingConfig {
        var result = TrainingConfig()
        result.kind = try config.choice("model.kind", default: result.kind)
        result.hidden = try config.positiveIntegers("model.hidden", default: result.hidden)
        result.filters = try config.positiveIntegers("model.filters", default: result.filters)
        result.kernel = try config.int("model.kernel", default: result.kernel, range: 1...63)
        if result.kernel % 2 == 0 {
            throw ConfigError(
                code: .badValue,
                key: "model.kernel",
                origin: nil,
                message: "model.kernel: expected an odd integer, got \(result.kernel)"
            )
        }
        result.epochs = try config.int("train.epochs", default: result.epochs, range: 1...100_000)
        result.batchSize = try config.int("train.batch_size", default: result.batchSize, range: 1...65_536)
        result.optimizer = try config.choice("train.optimizer", default: result.optimizer)
        result.learningRate = try config.double("train.learning_rate", default: result.learningRate, range: 1e-9...10)
        result.momentum = try config.double("train.momentum", default: result.momentum, range: 0...0.999)
        result.weightDecay = try config.double("train.weight_decay", default: result.weightDecay, range: 0...1)
        result.schedule = try config.choice("train.schedule", default: result.schedule)
        result.stepEpochs = try config.int("train.step_epochs", default: result.stepEpochs, range: 1...100_000)
        result.stepFactor = try config.double("train.step_factor", default: result.stepFactor, range: 0.001...1)
        result.patience = try config.int("train.patience", default: result.patience, range: 0...100_000)
        result.classWeights = try config.choice("train.class_weights", default: result.classWeights)
        result.seed = UInt64(try config.int("train.seed", default: Int(result.seed), range: 0...Int.max))
        result.validationFraction = try config.double(
            "split.validation",
            default: result.validationFraction,
            range: 0...0.5
        )
        result.testFraction = try config.double("split.test", default: result.testFraction, range: 0.01...0.5)
        result.sparsity = try config.double("prune.sparsity", default: result.sparsity, range: 0...0.99)
        result.fineTuneEpochs = try config.int(
            "prune.fine_tune_epochs",
            default: result.fineTuneEpochs,
            range: 1...10_000
        )
        result.calibrationSamples = try config.int(
            "quantize.calibration_samples",
            default: result.calibrationSamples,
            range: 1...1_000_000
        )
        result.driftBins = try config.int("drift.bins", default: result.driftBins, range: 1...1_000)
        try config.finish()
        return result
    }

    /// The optimizer at the initial learning rate.
    public var trainingOptimizer: Optimizer {
        switch optimizer {
        case .adam: .adam(learningRate: Float(learningRate))
        case .sgd: .sgd(learningRate: Float(learningRate), momentum: Float(momentum))
        }
    }

    /// Epochs, batch size, schedule and patience for ``Trainer``.
    public var trainingOptions: TrainingOptions {
        let rateSchedule: LearningRateSchedule =
            switch schedule {
            case .constant: .constant
            case .step: .step(every: stepEpochs, factor: Float(stepFactor))
            case .cosine: .cosine(epochs: epochs, floor: 0.01)
            }
        return TrainingOptions(
            epochs: epochs,
            batchSize: batchSize,
            schedule: rateSchedule,
            earlyStoppingPatience: validationFraction > 0 ? patience : 0
        )
    }

    enum CodingKeys: String, CodingKey {
        case kind, hidden, filters, kernel, epochs, optimizer, momentum, schedule, patience, seed, sparsity
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
        case weightDecay = "weight_decay"
        case stepEpochs = "step_epochs"
        case stepFactor = "step_factor"
        case classWeights = "class_weights"
        case validationFraction = "validation_fraction"
        case testFraction = "test_fraction"
        case fineTuneEpochs = "fine_tune_epochs"
        case calibrationSamples = "calibration_samples"
        case driftBins = "drift_bins"
    }
}

extension ConfigReader {
    /// A list of integers in 1...4096 at `key`, or `default` when unset.
    mutating func positiveIntegers(_ key: String, default defaultValue: [Int]) throws(ConfigError) -> [Int] {
        let items = try stringList(key, default: defaultValue.map(String.init))
        let values = items.compactMap { Int($0) }.filter { (1...4_096).contains($0) }
        guard values.count == items.count else {
            throw ConfigError(
                code: .badValue,
                key: key,
                origin: nil,
                message: "\(key): expected a list of integers in 1...4096, got [\(items.joined(separator: ", "))]"
            )
        }
        return values
    }
}
