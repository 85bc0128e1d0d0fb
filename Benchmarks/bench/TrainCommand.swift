import ArgumentParser
import EdgeModel
import FirmwareSimulator
import Foundation
import HubCore
import ModelTraining
import SensorDataset
import TestSupport

/// `bench train`: our MLP beside scikit-learn's `MLPClassifier` with the same architecture, hyper-parameters and
/// split, on the bundled digits and on a `firmware-sim export` (test accuracy, float and int8, and scikit-learn's,
/// from `scripts/reference/sklearn_baseline.py` in the same run); then `seconds_per_epoch` of the MLP on 10 k
/// samples beside scikit-learn and PyTorch CPU when installed (`scripts/bench/train_mlp.py`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Training accuracy beside scikit-learn (digits, firmware-sim) and seconds per epoch on 10 k samples."
    )

    @Option(help: "The digits fixture, relative to the working directory.")
    var digits = "Tests/Fixtures/digits.txt"

    @Option(help: "An .efds dataset; default: exported here from --scenario.")
    var data: String?

    @Option(help: "Scenario exported when --data is not given.")
    var scenario = "firmware-sim/scenarios/training.yaml"

    @Option(help: "Simulated seconds per device of that export.")
    var seconds = 300.0

    @Option(help: "Epochs of the accuracy comparisons (both sides, no early stopping).")
    var epochs = 100

    @Option(help: "Epochs per timing run.")
    var timingEpochs = 5

    @Option(help: "Samples of the timing runs.")
    var timingSamples = 10_000

    func validate() throws {
        guard (1...10_000).contains(epochs), (1...1_000).contains(timingEpochs) else {
            throw ValidationError("--epochs must be in 1...10000, --timing-epochs in 1...1000")
        }
        guard (100...1_000_000).contains(timingSamples) else {
            throw ValidationError("--timing-samples must be in 100...1000000")
        }
    }

    func run() throws {
        let directory = try TemporaryDirectory(prefix: "bench-train")
        defer { directory.remove() }
        var config = TrainingConfig()
        config.epochs = epochs
        config.validationFraction = 0
        config.patience = 0

        let digitSplit = try loadDigits()
        let digitLine = try compare(
            "digits",
            digitSplit,
            metadata: ModelMetadata(name: "digits", version: 1, labels: (0..<10).map(String.init)),
            featureNames: (0..<64).map { "pixel\($0)" },
            config: config,
            directory: directory
        )
        print(digitLine.text)

        let windows = try simulatorWindows(directory)
        let prepared = try WindowTraining.prepare(
            windows,
            datasetHash: HubStore.snapshotHash(of: windows),
            name: "bearing",
            version: 1,
            config: config
        )
        var simLine = try compare(
            "firmware-sim",
            prepared.split,
            metadata: prepared.metadata,
            featureNames: prepared.featureNames,
            config: config,
            directory: directory
        )
        simLine.add("windows", windows.count)
        print(simLine.text)

        print(try timing(prepared.split.train, config: config, directory: directory).text)
    }

    /// Trains and evaluates our MLP and scikit-learn's on `split`; one JSON line.
    private func compare(
        _ name: String,
        _ split: DatasetSplit,
        metadata: ModelMetadata,
        featureNames: [String],
        config: TrainingConfig,
        directory: TemporaryDirectory
    ) throws -> JSONLine {
        let clock = ContinuousClock()
        let start = clock.now
        let trained = try ExportPipeline(config: config).run(
            split,
            metadata: metadata,
            featureNames: featureNames,
            inputShape: [featureNames.count]
        )
        let swiftSeconds = (clock.now - start) / .seconds(1)
        let train = try writeCSV(split.train, directory.file("\(name)-train.csv"))
        let test = try writeCSV(split.test, directory.file("\(name)-test.csv"))
        let sklearn = try PythonPeer(
            script: "scripts/reference/sklearn_baseline.py",
            arguments: [
                "--train", train, "--test", test, "--hidden", config.hidden.map(String.init).joined(separator: ","),
                "--epochs", "\(config.epochs)", "--batch", "\(config.batchSize)", "--learning-rate",
                "\(config.learningRate)", "--alpha", "\(config.weightDecay)", "--seed", "\(config.seed)",
            ]
        ).run()
        let reference = sklearn["accuracy"] ?? .nan
        var line = JSONLine()
        line.add("bench", "train")
        line.add("dataset", name)
        line.add("train_samples", split.train.inputs.count)
        line.add("test_samples", split.test.inputs.count)
        line.add("hidden", config.hidden.map(String.init).joined(separator: ","))
        line.add("epochs", config.epochs)
        line.add("accuracy", trained.evaluation.float.accuracy, decimals: 4)
        line.add("int8_accuracy", trained.evaluation.int8.accuracy, decimals: 4)
        line.add("sklearn_accuracy", reference, decimals: 4)
        line.add("accuracy_minus_sklearn_points", (trained.evaluation.float.accuracy - reference) * 100, decimals: 2)
        line.add(
            "int8_minus_float_points",
            (trained.evaluation.int8.accuracy - trained.evaluation.float.accuracy) * 100,
            decimals: 2
        )
        line.add("fit_s", swiftSeconds, decimals: 2)
        line.add("sklearn_fit_s", sklearn["seconds"] ?? .nan, decimals: 2)
        return line
    }

    /// Seconds per epoch of the MLP on `timingSamples` samples (cycling through `train`), best of three runs,
    /// beside the Python peers.
    private func timing(
        _ train: LabelledSamples,
        config: TrainingConfig,
        directory: TemporaryDirectory
    ) throws -> JSONLine {
        let indices = (0..<timingSamples).map { $0 % train.inputs.count }
        let samples = train.subset(indices)
        let classes = (samples.labels.max() ?? 0) + 1
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<3 {
            var random = TrainingRandom(seed: 1)
            let network = NetworkInitializer.perceptron(
                sizes: [samples.inputs[0].count] + config.hidden + [classes],
                using: &random
            )
            var trainer = try Trainer(network: network, optimizer: config.trainingOptimizer)
            trainer.weightDecay = Float(config.weightDecay)
            let start = clock.now
            for _ in 0..<timingEpochs {
                _ = try trainer.trainEpoch(
                    inputs: samples.inputs,
                    labels: samples.labels,
                    batchSize: config.batchSize,
                    using: &random
                )
            }
            best = min(best, (clock.now - start) / .seconds(1) / Double(timingEpochs))
        }
        let peers = try PythonPeer(
            script: "scripts/bench/train_mlp.py",
            arguments: [
                "--data", try writeCSV(samples, directory.file("timing.csv")), "--hidden",
                config.hidden.map(String.init).joined(separator: ","), "--batch", "\(config.batchSize)", "--epochs",
                "\(timingEpochs)",
            ]
        ).run()
        var line = JSONLine()
        line.add("bench", "train")
        line.add("samples", samples.inputs.count)
        line.add("features", samples.inputs[0].count)
        line.add("hidden", config.hidden.map(String.init).joined(separator: ","))
        line.add("batch", config.batchSize)
        line.add("seconds_per_epoch", best, decimals: 4)
        let sklearn = peers["sklearn_seconds_per_epoch"] ?? .nan
        line.add("sklearn_seconds_per_epoch", sklearn, decimals: 4)
        line.add("ratio_vs_sklearn", sklearn / best, decimals: 2)
        if let torch = peers["torch_seconds_per_epoch"] {
            line.add("torch_seconds_per_epoch", torch, decimals: 4)
            line.add("ratio_vs_torch", torch / best, decimals: 2)
        } else {
            line.add("torch", "not installed")
        }
        return line
    }

    /// The digits fixture's fixed split, pixels scaled to 0...1 (made by scripts/reference/export_digits.py).
    private func loadDigits() throws -> DatasetSplit {
        let text = try String(contentsOfFile: digits, encoding: .utf8)
        let alphabet = Array("0123456789abcdefg")
        var train = LabelledSamples(inputs: [], labels: [])
        var test = LabelledSamples(inputs: [], labels: [])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let characters = Array(line)
            guard characters.count == 66, let label = Int(String(characters[1])) else {
                throw BenchmarkError(code: .toolFailed, measurement: "train", message: "\(digits): bad line \(line)")
            }
            let pixels = characters[2...].map { Float(alphabet.firstIndex(of: $0) ?? 0) / 16 }
            if characters[0] == "t" {
                train.inputs.append(pixels)
                train.labels.append(label)
            } else {
                test.inputs.append(pixels)
                test.labels.append(label)
            }
        }
        return DatasetSplit(train: train, validation: LabelledSamples(inputs: [], labels: []), test: test)
    }

    /// The windows of `--data`, or of an export of `--scenario` written into `directory`.
    private func simulatorWindows(_ directory: TemporaryDirectory) throws -> [LabelledWindow] {
        if let data { return try DatasetReader.readAll(path: data) }
        let scenario = try Scenario(file: self.scenario)
        let settings = try scenario.settings(frameSeconds: 256 / scenario.rates.vibration, duration: seconds)
        let path = directory.file("dataset.efds")
        _ = try DatasetExport.export(
            scenario: scenario,
            settings: settings,
            startTimestamp: 1_700_000_000_000,
            to: path
        )
        return try DatasetReader.readAll(path: path)
    }

    /// Writes `samples` as CSV lines `label,value,…` (values with 9 significant digits, exact for Float).
    private func writeCSV(_ samples: LabelledSamples, _ path: String) throws -> String {
        var text = ""
        for (input, label) in zip(samples.inputs, samples.labels) {
            text += "\(label)," + input.map { String(format: "%.9g", $0) }.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
