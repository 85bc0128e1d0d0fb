import HubCore
import SQLiteStorage
import SensorDataset
import SignalFeatures
import TestSupport
import Testing
import WireProtocol

/// Labelled feature vectors sent by devices, gathered into a snapshot and trained on.
@Suite("Feature snapshots from device telemetry")
struct FeatureDatasetTests {
    let directory: TemporaryDirectory
    let store: HubStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "feature-datasets")
        store = try HubStore(path: directory.file("hub.sqlite"))
    }

    private static func config() -> TrainingConfig { .quick(seed: 3) }

    @Test func collectedVectorsTrainAsWellAsTheWindowsTheyCameFrom() throws {
        let windows = try SyntheticWindows.make(perClass: 30, seed: 2)
        var pipeline = try WindowFeatures.pipeline(for: windows)
        let sent = try LabelledTelemetry.vectors(windows, pipeline)
        try LabelledTelemetry.ingest(sent, into: store, ts: 5_000)
        let snapshot = try store.collectFeatureDataset(pipeline: pipeline, sinceMs: 1_000, now: 6_000)
        #expect(snapshot.windows == 90 && snapshot.pipeline == pipeline)
        #expect(snapshot.labels == ["fast": 30, "medium": 30, "slow": 30])
        #expect(try store.collectFeatureDataset(pipeline: pipeline, sinceMs: 1_000, now: 7_000) == snapshot)
        let (storedPipeline, stored) = try store.datasetVectors(String(snapshot.hash.prefix(12)))
        #expect(storedPipeline == pipeline)
        #expect(Set(stored) == Set(sent))
        #expect(try store.datasets().map(\.hash).contains(snapshot.hash))

        let fromVectors = try FeatureTraining.train(
            stored,
            pipeline: storedPipeline,
            datasetHash: snapshot.hash,
            name: "sines",
            version: 1,
            config: Self.config()
        )
        #expect(fromVectors.evaluation.float.accuracy >= 0.95)
        #expect(abs(fromVectors.evaluation.int8.accuracy - fromVectors.evaluation.float.accuracy) <= 0.02)
        let manifest = fromVectors.artifact.manifest
        #expect(manifest.lineage.datasetHash == snapshot.hash)
        #expect(manifest.featurePipeline?.standardization?.means.count == pipeline.featureCount)

        // Vectors sent under a standardised pipeline (a model's) train to the same result within float rounding.
        pipeline.standardization = WindowFeatures.standardization(fitting: sent.map(\.values))
        let standardised = try LabelledTelemetry.vectors(windows, pipeline)
        let again = try FeatureTraining.train(
            standardised,
            pipeline: pipeline,
            datasetHash: "x",
            name: "sines",
            version: 2,
            config: Self.config()
        )
        #expect(abs(again.evaluation.float.accuracy - fromVectors.evaluation.float.accuracy) <= 0.05)
        let means = try #require(again.artifact.manifest.featurePipeline?.standardization?.means)
        let direct = try #require(manifest.featurePipeline?.standardization?.means)
        #expect(zip(means, direct).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($1)) })
    }

    @Test func collectingFiltersByDeviceAndTimeAndRefusesNothingToCollect() throws {
        let windows = try SyntheticWindows.make(perClass: 4, seed: 1)
        let pipeline = try WindowFeatures.pipeline(for: windows)
        try LabelledTelemetry.ingest(try LabelledTelemetry.vectors(windows, pipeline), into: store, ts: 5_000)
        let one = try store.collectFeatureDataset(pipeline: pipeline, devices: ["dev-1"], sinceMs: 0, now: 1)
        #expect(one.windows == 4)
        let late = #expect(throws: DatasetStoreError.self) {
            try store.collectFeatureDataset(pipeline: pipeline, sinceMs: 6_000, now: 1)
        }
        #expect(late?.code == .emptyDataset)
        var other = pipeline
        other.hop += 1
        other.timeFeatures.removeLast()
        let mismatch = #expect(throws: DatasetStoreError.self) {
            try store.collectFeatureDataset(pipeline: other, sinceMs: 0, now: 1)
        }
        #expect(mismatch?.code == .emptyDataset, "vectors of another length are not this pipeline's")
        let raw = try store.importDataset(windows, source: "w.efds", now: 2)
        #expect(throws: DatasetStoreError.self) { try store.datasetVectors(raw.hash) }
        #expect(throws: DatasetStoreError.self) { try store.datasetWindows(one.hash) }
        var convolutional = Self.config()
        convolutional.kind = .cnn
        let (_, vectors) = try store.datasetVectors(one.hash)
        let refused = #expect(throws: TrainingRunError.self) {
            try FeatureTraining.train(
                vectors,
                pipeline: pipeline,
                datasetHash: one.hash,
                name: "m",
                version: 1,
                config: convolutional
            )
        }
        #expect(refused?.code == .unsupportedModel, "a CNN needs raw-samples vectors")
    }

    @Test func aCorruptStoredVectorIsNamed() throws {
        let windows = try SyntheticWindows.make(perClass: 4, seed: 1)
        let pipeline = try WindowFeatures.pipeline(for: windows)
        let snapshot = try store.importFeatureDataset(
            try LabelledTelemetry.vectors(windows, pipeline),
            pipeline: pipeline,
            source: "test",
            now: 1
        )
        let database = try SQLiteDatabase(path: directory.file("hub.sqlite"))
        try database.write { connection in
            try connection.run("UPDATE dataset_vectors SET features = x'0102' WHERE idx = 3")
        }
        let error = #expect(throws: DatasetStoreError.self) { try store.datasetVectors(snapshot.hash) }
        #expect(error?.code == .corruptWindow && error?.context.contains("vector 3") == true)
    }
}
