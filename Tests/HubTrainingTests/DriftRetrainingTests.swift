import EdgeModel
import HubCore
import SignalFeatures
import TestSupport
import Testing

/// The drift policy's retraining: recent labelled vectors → snapshot → the next version, trained with the drifted
/// version's config, its parent named.
@Suite struct DriftRetrainingTests {
    let directory: TemporaryDirectory
    let store: HubStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "drift-retraining")
        store = try HubStore(path: directory.file("hub.sqlite"))
    }

    /// Registers `sines@1`, trained on windows of seed 2 with `.quick(seed: 3)`; returns its pipeline.
    private func registerFirstVersion() throws -> FeaturePipelineConfig {
        let windows = try SyntheticWindows.make(perClass: 30, seed: 2)
        let pipeline = try WindowFeatures.pipeline(for: windows)
        let trained = try FeatureTraining.train(
            try LabelledTelemetry.vectors(windows, pipeline),
            pipeline: pipeline,
            datasetHash: "first",
            name: "sines",
            version: 1,
            config: .quick(seed: 3)
        )
        try store.register(trained: trained, actor: "test", now: 1, signer: nil)
        return try #require(trained.artifact.manifest.featurePipeline as FeaturePipelineConfig?)
    }

    @Test func recentLabelledVectorsTrainTheNextVersion() throws {
        let pipeline = try registerFirstVersion()
        let recent = try SyntheticWindows.make(perClass: 40, seed: 8)
        try LabelledTelemetry.ingest(try LabelledTelemetry.vectors(recent, pipeline), into: store, ts: 50_000)
        let outcome = try DriftRetraining(minimumVectors: 100, signer: nil)
            .retrain("sines", drifted: 1, sinceMs: 10_000, store: store, now: 60_000)
        #expect(outcome.model.name == "sines" && outcome.model.version == 2)
        #expect(outcome.vectors == 120)
        #expect(outcome.accuracy >= 0.9)
        let manifest = try ModelArtifact(bytes: try store.artifact("sines", version: 2).bytes).manifest
        let first = try ModelArtifact(bytes: try store.artifact("sines", version: 1).bytes).manifest
        #expect(manifest.lineage.parentVersion == 1)
        #expect(manifest.lineage.datasetHash == outcome.datasetHash)
        #expect(manifest.lineage.trainingConfig == first.lineage.trainingConfig)
        // The training split's classes are the predicted-class reference.
        let classes = try #require(manifest.driftReference?.classCounts)
        #expect(classes.count == 3 && classes.allSatisfy { $0 > 0 } && classes.reduce(0, +) < outcome.vectors)
    }

    @Test func tooFewOrNoVectorsAndModelsWithoutAPipelineAreNotRetrained() throws {
        let pipeline = try registerFirstVersion()
        let retraining = DriftRetraining(minimumVectors: 500, signer: nil)
        let none = #expect(throws: DriftRetrainingError.self) {
            try retraining.retrain("sines", drifted: 1, sinceMs: 10_000, store: self.store, now: 60_000)
        }
        #expect(none?.description.contains("no labelled vectors") == true)
        let recent = try SyntheticWindows.make(perClass: 10, seed: 8)
        try LabelledTelemetry.ingest(try LabelledTelemetry.vectors(recent, pipeline), into: store, ts: 50_000)
        let few = #expect(throws: DriftRetrainingError.self) {
            try retraining.retrain("sines", drifted: 1, sinceMs: 10_000, store: self.store, now: 60_000)
        }
        #expect(few?.description.contains("30 labelled vectors") == true)
        #expect(try store.latestVersion(of: "sines") == 1)
    }
}
