import EdgeModel
import HubCore
import Testing

@Suite("1-D CNN through the export pipeline")
struct ConvolutionalExportTests {
    /// The first 64 samples of each synthetic window's x axis as a raw `[1, 64]` input (no feature pipeline).
    private func samples(seed: UInt64) throws -> LabelledSamples {
        let windows = try SyntheticWindows.make(perClass: 40, seed: seed, noise: 0.2)
        return LabelledSamples(
            inputs: windows.map { Array(($0.frame.samples(of: "x") ?? []).prefix(64)) },
            labels: windows.map { SyntheticWindows.labels.firstIndex(of: $0.label) ?? 0 }
        )
    }

    @Test func aConvolutionalNetworkLearnsRawWindowsAndQuantizes() throws {
        var config = TrainingConfig()
        config.kind = .cnn
        config.filters = [4]
        config.kernel = 5
        config.hidden = [8]
        config.epochs = 25
        config.batchSize = 16
        config.learningRate = 0.01
        config.patience = 10
        let split = try DatasetSplit(
            stratifying: try samples(seed: 8),
            classes: 3,
            validationFraction: 0.1,
            testFraction: 0.25,
            seed: 1
        )
        let trained = try ExportPipeline(config: config).run(
            split,
            metadata: ModelMetadata(name: "raw", version: 1, labels: SyntheticWindows.labels),
            featureNames: (0..<64).map { "s\($0)" },
            inputShape: [1, 64]
        )
        #expect(trained.network.layers.contains { if case .conv1D = $0 { true } else { false } })
        #expect(trained.artifact.manifest.input.shape == [1, 64])
        #expect(trained.evaluation.float.accuracy >= 0.9)
        #expect(abs(trained.evaluation.int8.accuracy - trained.evaluation.float.accuracy) <= 0.05)
    }
}
