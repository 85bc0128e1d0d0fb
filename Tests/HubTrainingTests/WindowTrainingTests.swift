import EdgeModel
import HubCore
import ModelTraining
import SensorDataset
import SignalFeatures
import Testing

@Suite("Training on labelled windows")
struct WindowTrainingTests {
    private func config(seed: UInt64 = 3) -> TrainingConfig { .quick(seed: seed) }

    private func train(_ windows: [LabelledWindow], _ config: TrainingConfig) throws -> TrainedModel {
        try WindowTraining.train(windows, datasetHash: "abc", name: "sines", version: 4, config: config)
    }

    @Test func twoRunsWithOneSeedGiveIdenticalArtifactBytes() throws {
        let windows = try SyntheticWindows.make(perClass: 30, seed: 1)
        let first = try train(windows, config()).artifact.encoded()
        let second = try train(windows, config()).artifact.encoded()
        let other = try train(windows, config(seed: 4)).artifact.encoded()
        #expect(first == second)
        #expect(first != other)
    }

    @Test func learnsTheClassesAndWritesACompleteArtifact() throws {
        let trained = try train(try SyntheticWindows.make(perClass: 30, seed: 2), config())
        let manifest = trained.artifact.manifest
        #expect(trained.evaluation.float.accuracy >= 0.95)
        #expect(abs(trained.evaluation.int8.accuracy - trained.evaluation.float.accuracy) <= 0.01)
        #expect(manifest.precision == .int8)
        #expect((manifest.name, manifest.version) == ("sines", 4))
        #expect(manifest.labels == SyntheticWindows.labels)
        #expect(manifest.lineage.datasetHash == "abc")
        #expect(manifest.lineage.trainingConfig?.contains("\"seed\":3") == true)
        #expect(manifest.metrics["int8_accuracy"] == trained.evaluation.int8.accuracy)
        let pipeline = try #require(manifest.featurePipeline)
        #expect(pipeline.standardization?.means.count == 63)
        #expect(manifest.driftReference?.features.map(\.name) == pipeline.featureNames)
        #expect(trained.evaluation.samples.reduce(0, +) == 90)
        #expect(trained.evaluation.render().contains("confusion"))
    }

    @Test func earlyStoppingKeepsTheBestEpochAndPruningReachesItsSparsity() throws {
        var config = config()
        config.epochs = 60
        config.patience = 2
        config.sparsity = 0.5
        config.fineTuneEpochs = 2
        let trained = try train(try SyntheticWindows.make(perClass: 30, seed: 5), config)
        #expect(trained.evaluation.stoppedEarly)
        #expect(trained.evaluation.epochs == trained.evaluation.keptEpoch + 2)
        #expect(trained.evaluation.sparsity >= 0.49)
    }

    @Test func refusesDataThatCannotTrainAClassifier() throws {
        let windows = try SyntheticWindows.make(perClass: 10, seed: 6)
        let oneClass = windows.filter { $0.label == "slow" }
        #expect(throws: TrainingRunError.self) { try train(oneClass, config()) }
        #expect(throws: TrainingRunError.self) { try train([], config()) }
        #expect(throws: TrainingRunError.self) { try train(Array(windows.prefix(6)), config()) }
        let odd = try SyntheticWindows.make(perClass: 10, seed: 7).map { window in
            try LabelledWindow(device: window.device, sensor: "other", label: window.label, frame: window.frame)
        }
        #expect(throws: TrainingRunError.self) { try train(windows + odd, config()) }
    }

    /// `model.kind: cnn` reads the windows themselves: a raw-samples pipeline, input `[axes, samples]`, standardised
    /// per axis; the int8 artifact runs on what the device's extractor makes of a window.
    @Test func aConvolutionalModelLearnsRawWindowsThroughARawSamplesPipeline() throws {
        var config = config()
        config.kind = .cnn
        config.filters = [4]
        config.kernel = 5
        config.hidden = [8]
        config.epochs = 12
        let windows = try SyntheticWindows.make(perClass: 20, seed: 9)
        let trained = try train(windows, config)
        let manifest = trained.artifact.manifest
        let pipeline = try #require(manifest.featurePipeline)
        #expect(pipeline.isRawSamples && pipeline.timeFeatures.isEmpty && pipeline.spectral == nil)
        #expect(manifest.input.shape == [3, 256])
        #expect(manifest.driftReference == nil)
        let means = try #require(pipeline.standardization?.means)
        #expect(means.count == 768 && Set(means[0..<256]).count == 1, "one mean per axis")
        #expect(trained.evaluation.float.accuracy >= 0.9)
        #expect(abs(trained.evaluation.int8.accuracy - trained.evaluation.float.accuracy) <= 0.05)

        let interpreter = try Interpreter(artifact: try ModelArtifact(bytes: trained.artifact.encoded()))
        let extractor = try FeatureExtractor(config: pipeline)
        var correct = 0
        for window in windows {
            let samples = pipeline.axes.flatMap { window.frame.samples(of: $0) ?? [] }
            var vector = [Float](repeating: 0, count: extractor.featureCount)
            try samples.withUnsafeBufferPointer { input in
                try vector.withUnsafeMutableBufferPointer { try extractor.extract(window: input, into: $0) }
            }
            if try interpreter.predict(vector).label == window.label { correct += 1 }
        }
        #expect(Double(correct) / Double(windows.count) >= 0.85)
    }
}
