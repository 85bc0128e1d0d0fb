import EdgeCore
import SignalFeatures
import TestSupport
import Testing
import WireProtocol

@Suite("Ground-truth labels on the edge")
struct GroundTruthTests {
    static func label(_ state: String, _ ts: Int64) -> SensorLabel { try! SensorLabel(state: state, ts: ts) }

    @Test func aWindowGetsTheLabelWhoseSpanHoldsAllOfIt() {
        var truth = GroundTruth()
        #expect(truth.label(startMs: 0, endMs: 100) == nil)
        truth.receive(Self.label("normal", 1_000))
        #expect(truth.label(startMs: 999, endMs: 1_100) == nil)
        #expect(truth.label(startMs: 1_000, endMs: 1_100) == "normal")
        truth.receive(Self.label("imbalance", 2_000))
        #expect(truth.label(startMs: 1_500, endMs: 2_000) == "normal")
        #expect(truth.label(startMs: 1_950, endMs: 2_050) == nil, "straddles the change")
        #expect(truth.label(startMs: 2_000, endMs: 2_256) == "imbalance")
        #expect(truth.label(startMs: 500, endMs: 600) == nil, "before any label known now")
    }

    @Test func staleAndRepeatedLabelsChangeNothing() {
        var truth = GroundTruth()
        let changes = [
            truth.receive(Self.label("normal", 1_000)),
            truth.receive(Self.label("normal", 1_000)),  // the retained copy again
            truth.receive(Self.label("imbalance", 900)),  // older than the current one
            truth.receive(Self.label("normal", 5_000)),  // same state
        ]
        #expect(changes == [true, false, false, false])
        #expect(truth.current == Self.label("normal", 1_000) && truth.previous == nil)
    }

    @Test func samplesAreKeptPerPipelineNewestFirstWithinCapacity() throws {
        let directory = try TemporaryDirectory(prefix: "samples")
        defer { directory.remove() }
        let store = try EdgeStateStore(directory: directory.file("state"))
        let pipeline = PipelineFingerprint(.vibrationDefault)
        var other = FeaturePipelineConfig.vibrationDefault
        other.hop /= 2
        let otherPipeline = PipelineFingerprint(other)
        #expect(pipeline != otherPipeline)
        #expect(pipeline == PipelineFingerprint(.vibrationDefault))
        for index in 0..<7 {
            let sample = LabelledSample(label: "l\(index)", windowStartMs: Int64(index), values: [Float(index), -1.5])
            try store.recordSample(sample, pipeline: pipeline, capacity: 5)
        }
        try store.recordSample(
            LabelledSample(label: "x", windowStartMs: 0, values: [9]),
            pipeline: otherPipeline,
            capacity: 5
        )
        #expect(try store.sampleCount(pipeline: pipeline) == 5)
        #expect(try store.sampleCount(pipeline: otherPipeline) == 1)
        let reopened = try EdgeStateStore(directory: directory.file("state"))
        let kept = try reopened.samples(pipeline: pipeline, limit: 3)
        #expect(kept.map(\.label) == ["l6", "l5", "l4"])
        #expect(kept[0].values == [6, -1.5] && kept[0].windowStartMs == 6)
        try reopened.recordSample(kept[0], pipeline: pipeline, capacity: 0)
        #expect(try reopened.sampleCount(pipeline: pipeline) == 5, "capacity 0 keeps nothing new")
    }

    /// A real broker, hub and edge: a garbage label is refused and counted; after a real label, every window is
    /// labelled, kept as a local sample, sent as labelled features, and its prediction carries the truth.
    @Test func labelledWindowsBecomeSamplesTrainingTelemetryAndPredictionTruth() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let flags =
            InferenceTests.smallPipeline.filter { !$0.hasPrefix("telemetry.features") } + [
                "telemetry.features=labelled"
            ]
        let edge = try EdgeUnderTest(broker: broker, extraFlags: flags)
        let store = try EdgeStateStore(directory: edge.settings.stateDirectory)
        try store.stageModel(
            name: "bearing",
            version: 1,
            artifact: try TestModel.artifact(pipeline: edge.settings.sensors.pipeline),
            now: 1
        )
        try store.activate(.a)
        let daemon = try edge.daemon()
        let device = edge.settings.device
        let start: Int64 = 1_700_000_000_000
        let records = try await whileRunning(hub.daemon) {
            try await whileRunning(daemon) {
                let observer = try await edge.observe(on: broker)
                _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                let labelTopic = try edge.settings.topics.sensor(SensorLabel.topicLevel, of: device)
                try await observer.publish(Array(#"{"v":1,"state":"a/b"}"#.utf8), on: labelTopic)
                try await observer.publish(Self.label("imbalance", start).encode(), on: labelTopic, retain: true)
                let topic = try edge.settings.topics.sensor("vibration", of: device)
                for frame in InferenceTests.frames(16, start: start) {
                    try await observer.publish(frame.encode(), on: topic)
                }
                _ = try await eventually {
                    InferenceTests.predictions(try hub.store.telemetry(device: device.rawValue)).count >= 15
                }
                await observer.close()
                return try hub.store.telemetry(device: device.rawValue)
            }
        }
        let predictions = InferenceTests.predictions(records)
        #expect(predictions.count == 15 && predictions.allSatisfy { $0.truth == "imbalance" })
        let labelled = records.compactMap { record -> [Float]? in
            guard case .labelledFeatures("imbalance", let values) = record.payload else { return nil }
            return values
        }
        #expect(labelled.count == 15)
        let pipeline = PipelineFingerprint(edge.settings.sensors.pipeline)
        let samples = try store.samples(pipeline: pipeline, limit: 100)
        #expect(samples.count == 15 && samples.allSatisfy { $0.label == "imbalance" })
        #expect(Set(samples.map(\.values)) == Set(labelled))
        let counters = daemon.sensors.counters
        #expect(counters.labels == 1 && counters.labelsRejected == 1 && counters.vectorsLabelled == 15)
    }
}
