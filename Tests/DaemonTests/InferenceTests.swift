import EdgeCore
import Glibc
import EdgeModel
import SignalFeatures
import TestSupport
import Testing
import WireProtocol

@Suite("Edge inference on the feature stream")
struct InferenceTests {
    static let smallPipeline = [
        "features.window_length=64", "features.hop=32", "features.bands.count=4", "features.bands.low_hz=20",
        // Every vector is sent too, so a test can tell when all of them went through the stage.
        "telemetry.features=raw",
    ]

    /// Vibration frames at 1000 Hz of a tone plus seeded noise, 32 samples each, back to back from `start`.
    static func frames(_ count: Int, start: Int64) -> [SensorFrame] {
        var random = SplitMix64(seed: 7)
        return (0..<count).map { index in
            let axes = ["x", "y", "z"].map { name in
                SensorFrame.Axis(
                    name: name,
                    samples: (0..<32).map { n -> Float in
                        let t = Double(index * 32 + n) / 1000
                        let tone = Float(sin(2 * Double.pi * 24 * t))
                        return tone + Float.random(in: -0.2...0.2, using: &random)
                    }
                )
            }
            return try! SensorFrame(ts: start + Int64(index) * 32, hz: 1000, axes: axes)
        }
    }

    /// Runs an edge with `artifact` active (when given) and a hub, publishes 16 frames, and returns the telemetry the
    /// hub stored for the device once `done` holds for it (or after 10 s).
    func run(
        artifact: (EdgeUnderTest) throws -> [UInt8]?,
        until done: @escaping ([TelemetryRecord]) -> Bool
    ) async throws -> (records: [TelemetryRecord], daemon: EdgeDaemon) {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker, extraFlags: Self.smallPipeline)
        let store = try EdgeStateStore(directory: edge.settings.stateDirectory)
        if let bytes = try artifact(edge) {
            try store.stageModel(name: "bearing", version: 1, artifact: bytes, now: 1)
            try store.activate(.a)
        }
        let daemon = try edge.daemon()
        let device = edge.settings.device.rawValue
        let records = try await whileRunning(hub.daemon) {
            try await whileRunning(daemon) {
                let observer = try await edge.observe(on: broker)
                _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                let topic = try edge.settings.topics.sensor("vibration", of: edge.settings.device)
                for frame in Self.frames(16, start: 1_700_000_000_000) {
                    try await observer.publish(frame.encode(), on: topic)
                }
                _ = try await eventually { done(try hub.store.telemetry(device: device)) }
                await observer.close()
                return try hub.store.telemetry(device: device)
            }
        }
        return (records, daemon)
    }

    static func predictions(_ records: [TelemetryRecord]) -> [TelemetryPayload.Prediction] {
        records.compactMap { record in
            guard case .prediction(let prediction) = record.payload else { return nil }
            return prediction
        }
    }

    @Test func theActiveModelPredictsEveryWindowAndTheHubStoresIt() async throws {
        // 16 frames of 32 samples: windows of 64 every 32 give 15 vectors.
        let (records, daemon) = try await run(
            artifact: { edge in try TestModel.artifact(pipeline: edge.settings.sensors.pipeline) },
            until: { InferenceTests.predictions($0).count >= 15 }
        )
        let predictions = Self.predictions(records)
        #expect(predictions.count == 15)
        #expect(predictions.allSatisfy { $0.modelName == "bearing" && $0.modelVersion == 1 })
        #expect(predictions.allSatisfy { TestModel.labels.contains($0.label) && (0...1).contains($0.score) })
        #expect(daemon.inference.activeModel == (try ModelReference(name: "bearing", version: 1)))
        #expect(daemon.health.latencyPercentiles().p50 > 0 || predictions.allSatisfy { $0.latencyMicros == 0 })
    }

    @Test func aConvolutionalModelOnRawWindowsPredictsEveryWindow() async throws {
        let (records, _) = try await run(
            artifact: { edge in
                var pipeline = edge.settings.sensors.pipeline
                pipeline.timeFeatures = []
                pipeline.spectral = nil
                pipeline.rawSamples = true
                return try TestModel.convolutionalArtifact(pipeline: pipeline)
            },
            until: { InferenceTests.predictions($0).count >= 15 }
        )
        #expect(Self.predictions(records).count == 15)
        let vectors = records.compactMap { record -> [Float]? in
            guard case .featureSummary(let values) = record.payload else { return nil }
            return values
        }
        #expect(vectors.count == 15 && vectors.allSatisfy { $0.count == 3 * 64 }, "the windows themselves")
    }

    @Test(arguments: ["corrupt", "raw input of another size"])
    func anActiveModelThatCannotRunPredictsNothingAndCountsAnError(_ kind: String) async throws {
        let (records, daemon) = try await run(
            artifact: { _ in
                kind == "corrupt" ? Array("not an artifact".utf8) : try TestModel.artifact(pipeline: nil, inputs: 5)
            },
            until: { records in
                records.count { if case .featureSummary = $0.payload { true } else { false } } >= 15
            }
        )
        #expect(Self.predictions(records).isEmpty)
        #expect(daemon.inference.activeModel == nil)
        #expect(daemon.health.errorCount >= 1)
    }

    @Test func theHealthCheckRefusesModelsThatCannotRunHere() throws {
        let pipeline = FeaturePipelineConfig.vibrationDefault
        #expect(
            try ModelHealthCheck.run(artifact: TestModel.artifact(pipeline: pipeline), latencyBound: .seconds(1))
                > .zero
        )
        let cases: [([UInt8], ModelLoadError.Code)] = [
            (Array("garbage".utf8), .invalidArtifact),
            (try TestModel.artifact(pipeline: pipeline, precision: .float32), .unsupported),
        ]
        for (bytes, code) in cases {
            let error = #expect(throws: ModelLoadError.self) {
                try ModelHealthCheck.run(artifact: bytes, latencyBound: .seconds(1))
            }
            #expect(error?.code == code)
        }
        let slow = #expect(throws: ModelLoadError.self) {
            try ModelHealthCheck.run(artifact: TestModel.artifact(pipeline: pipeline), latencyBound: .zero)
        }
        #expect(slow?.code == .tooSlow)
    }
}
