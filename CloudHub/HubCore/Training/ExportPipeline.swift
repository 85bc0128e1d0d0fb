import EdgeModel
import ModelTraining

/// Train → (prune → fine-tune) → calibrate → quantize → evaluate float and int8 → artifact: the export pipeline
/// behind `hub train`, on samples already featurised and split. Deterministic: the same split, config and metadata
/// give the same artifact bytes (no clock, no unordered iteration).
public struct ExportPipeline {
    /// The training configuration.
    public var config: TrainingConfig
    /// Called with one line per epoch and per stage, for stderr.
    public var progress: (String) -> Void

    /// A pipeline running `config`.
    public init(config: TrainingConfig, progress: @escaping (String) -> Void = { _ in }) {
        self.config = config
        self.progress = progress
    }

    /// The int8 artifact of a model trained on `split.train` and its evaluation on `split.test`.
    ///
    /// - Parameters:
    ///   - metadata: name, version, labels (one per class), feature pipeline and lineage; the metrics and drift
    ///     reference are filled in here.
    ///   - featureNames: one per input value, for the drift reference.
    ///   - inputShape: the model's input shape (`[features]`, or `[channels, length]` for a CNN).
    /// - Throws: `TrainingRunError` `.trainingFailed` or `.exportFailed`.
    public func run(
        _ split: DatasetSplit,
        metadata: ModelMetadata,
        featureNames: [String],
        inputShape: [Int]
    ) throws(TrainingRunError) -> TrainedModel {
        let classes = metadata.labels.count
        var random = TrainingRandom(seed: config.seed)
        let network = initialNetwork(inputShape: inputShape, classes: classes, using: &random)
        var (trained, report) = try fit(network, masks: nil, split, epochs: config.epochs, using: &random)
        if config.sparsity > 0 {
            let masks = MagnitudePruning.masks(for: trained, sparsity: config.sparsity, scope: .perLayer)
            progress("pruned to sparsity \(config.sparsity), fine-tuning \(config.fineTuneEpochs) epochs")
            (trained, _) = try fit(trained, masks: masks, split, epochs: config.fineTuneEpochs, using: &random)
        }
        var described = metadata
        // A histogram per sample position of a raw window says nothing about drift; raw-samples models go without.
        if metadata.featurePipeline?.isRawSamples != true {
            described.driftReference = DriftReference(
                training: split.train.inputs,
                names: featureNames,
                bins: config.driftBins
            )
            described.driftReference?.classCounts = (0..<classes).map { label in
                split.train.labels.count { $0 == label }
            }
        }
        let calibration = Array(split.train.inputs.prefix(config.calibrationSamples))
        let quantized: ModelArtifact
        let interpreter: Interpreter
        do throws(ArtifactError) {
            quantized = try PostTrainingQuantizer().quantize(trained, calibration: calibration, metadata: described)
            interpreter = try Interpreter(artifact: quantized)
        } catch {
            throw TrainingRunError(.exportFailed, error.description)
        }
        let floatMetrics: ClassificationMetrics
        let int8Metrics: ClassificationMetrics
        do throws(InferenceError) {
            floatMetrics = try Self.evaluate(split.test, classes: classes) { input throws(InferenceError) in
                try trained.predict(input)
            }
            int8Metrics = try Self.evaluate(split.test, classes: classes) { input throws(InferenceError) in
                let prediction = try interpreter.predict(input)
                return (0..<classes).map { $0 == prediction.index ? 1 : 0 }
            }
        } catch {
            throw TrainingRunError(.exportFailed, "evaluation: \(error)")
        }
        var manifest = quantized.manifest
        manifest.metrics = [
            "accuracy": int8Metrics.accuracy,
            "float_accuracy": floatMetrics.accuracy,
            "int8_accuracy": int8Metrics.accuracy,
            "int8_macro_f1": int8Metrics.macroF1,
            "test_samples": Double(split.test.inputs.count),
        ]
        let artifact: ModelArtifact
        do throws(ArtifactError) {
            artifact = try ModelArtifact(manifest: manifest, data: quantized.data)
        } catch {
            throw TrainingRunError(.exportFailed, error.description)
        }
        let evaluation = TrainingEvaluation(
            labels: metadata.labels,
            float: floatMetrics,
            int8: int8Metrics,
            epochs: report.losses.count,
            keptEpoch: report.keptEpoch,
            stoppedEarly: report.stoppedEarly,
            samples: [split.train.inputs.count, split.validation.inputs.count, split.test.inputs.count],
            sparsity: trained.sparsity
        )
        return TrainedModel(artifact: artifact, network: trained, evaluation: evaluation)
    }

    private func initialNetwork(
        inputShape: [Int],
        classes: Int,
        using random: inout TrainingRandom
    ) -> FloatNetwork {
        switch config.kind {
        case .mlp:
            NetworkInitializer.perceptron(
                sizes: [inputShape.reduce(1, *)] + config.hidden + [classes],
                using: &random
            )
        case .cnn:
            NetworkInitializer.convolutional(
                inputShape: inputShape.count == 2 ? inputShape : [1, inputShape.reduce(1, *)],
                filters: config.filters,
                kernel: config.kernel,
                dense: config.hidden,
                classes: classes,
                using: &random
            )
        }
    }

    private func fit(
        _ network: FloatNetwork,
        masks: [[Float]?]?,
        _ split: DatasetSplit,
        epochs: Int,
        using random: inout TrainingRandom
    ) throws(TrainingRunError) -> (FloatNetwork, FitReport) {
        do throws(TrainingError) {
            var trainer = try Trainer(network: network, optimizer: config.trainingOptimizer, masks: masks)
            trainer.weightDecay = Float(config.weightDecay)
            if config.classWeights == .balanced {
                trainer.classWeights = ClassWeights.balanced(labels: split.train.labels, classes: network.outputCount)
            }
            var options = config.trainingOptions
            options.epochs = epochs
            let validation = split.validation.inputs.isEmpty ? nil : (split.validation.inputs, split.validation.labels)
            if validation == nil { options.earlyStoppingPatience = 0 }
            let report = try trainer.fit(
                inputs: split.train.inputs,
                labels: split.train.labels,
                validation: validation,
                options: options,
                using: &random
            ) { epoch in
                let accuracy = epoch.validationAccuracy.map { ", val_accuracy \(Self.fixed($0, 4))" } ?? ""
                progress(
                    "epoch \(epoch.epoch)/\(epoch.epochs): loss \(Self.fixed(Double(epoch.loss), 5))\(accuracy)"
                        + ", lr \(epoch.learningRate)"
                )
            }
            return (trainer.network, report)
        } catch {
            throw TrainingRunError(.trainingFailed, error.description)
        }
    }

    /// Metrics of `predict`'s top output over `samples`.
    static func evaluate(
        _ samples: LabelledSamples,
        classes: Int,
        _ predict: ([Float]) throws(InferenceError) -> [Float]
    ) throws(InferenceError) -> ClassificationMetrics {
        var predicted: [Int] = []
        for input in samples.inputs {
            let output = try predict(input)
            var best = 0
            for index in output.indices where output[index] > output[best] { best = index }
            predicted.append(best)
        }
        return ClassificationMetrics(truth: samples.labels, predicted: predicted, classes: classes)
    }

    /// `value` with `digits` decimals, for progress lines.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
        let scaled = Int((value * scale).rounded())
        let whole = String(scaled / Int(scale))
        let fraction = String(abs(scaled) % Int(scale))
        return (scaled < 0 && whole == "0" ? "-" : "") + whole + "."
            + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

/// A model out of ``ExportPipeline``: its int8 artifact, the float network it was quantized from, the evaluation.
public struct TrainedModel: Sendable {
    /// The int8 artifact, metrics and drift reference included.
    public var artifact: ModelArtifact
    /// The trained float network.
    public var network: FloatNetwork
    /// Float and int8 figures on the test split.
    public var evaluation: TrainingEvaluation
}
