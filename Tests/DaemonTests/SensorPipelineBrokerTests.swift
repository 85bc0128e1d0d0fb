import EdgeCore
import SignalFeatures
import TestSupport
import Testing
import WireProtocol

@Suite("Edge sensor pipeline against a real broker")
struct SensorPipelineBrokerTests {
    @Test func framesPublishedAsJSONAndBinaryBecomeFeatureVectors() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(
            broker: broker,
            extraFlags: [
                "features.window_length=64", "features.hop=32", "features.bands.count=4", "features.bands.low_hz=20",
                "features.counters_interval=100ms", "telemetry.features=raw",
            ]
        )
        let daemon = try edge.daemon()
        let config = daemon.sensors.config
        let start: Int64 = 1_700_000_000_000
        let frames = (0..<8).map { index in
            deterministicFrame(ts: start + Int64(index) * 32, samples: 32, seed: UInt64(index) + 1)
        }

        // The vectors reach the hub as raw feature telemetry (`telemetry.features=raw`), no model being installed.
        let received = try await whileRunning(hub.daemon) {
            try await whileRunning(daemon) {
                let observer = try await edge.observe(on: broker)
                // Online means subscribed: the session subscribes before it announces.
                _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                let topic = try edge.settings.topics.sensor("vibration", of: edge.settings.device)
                try await observer.publish(Array("garbage".utf8), on: topic)
                try await observer.publish(
                    frames[0].encode(),
                    on: try edge.settings.topics.sensor("temperature", of: edge.settings.device)
                )
                for (index, frame) in frames.enumerated() {
                    try await observer.publish(index.isMultiple(of: 2) ? frame.encode() : frame.encodeJSON(), on: topic)
                }
                _ = try await eventually { try hub.store.telemetryCount(device: edge.settings.device.rawValue) >= 7 }
                await observer.close()
                return try hub.store.telemetry(device: edge.settings.device.rawValue).compactMap { record -> [Float]? in
                    guard case .featureSummary(let values) = record.payload else { return nil }
                    return values
                }
            }
        }

        // 256 samples, windows of 64 every 32: 7 windows, each equal to the extractor's on the same samples.
        try #require(received.count == 7)
        let extractor = try FeatureExtractor(config: config)
        for (index, values) in received.enumerated() {
            var window: [Float] = []
            for axis in config.axes {
                let samples = frames.flatMap { $0.samples(of: axis)! }
                window += samples[(index * 32)..<(index * 32 + 64)]
            }
            var expected = [Float](repeating: 0, count: config.featureCount)
            try window.withUnsafeBufferPointer { window in
                try expected.withUnsafeMutableBufferPointer { try extractor.extract(window: window, into: $0) }
            }
            #expect(values == expected)
        }
        let counters = daemon.sensors.counters
        #expect(counters.framesAccepted == 8)
        #expect(counters.framesUndecodable == 1)
        #expect(counters.framesOtherSensor == 1)
        #expect(counters.vectors == 7)

        let saved = Dictionary(
            uniqueKeysWithValues: try EdgeStateStore(directory: edge.settings.stateDirectory).savedCounters().map {
                ($0.name, $0.value)
            }
        )
        #expect(saved["frames_accepted"] == 8)
        #expect(saved["frames_undecodable"] == 1)
        #expect(saved["vectors"] == 7)
    }

    /// A vibration frame at 1000 Hz: x, y, z of seeded noise plus a tone.
    private func deterministicFrame(ts: Int64, samples: Int, seed: UInt64) -> SensorFrame {
        var generator = SplitMix64(seed: seed)
        let axes = ["x", "y", "z"].enumerated().map { index, name in
            SensorFrame.Axis(
                name: name,
                samples: (0..<samples).map { n in
                    Float(index) + Float(n % 8) * 0.25 + Float.random(in: -0.5...0.5, using: &generator)
                }
            )
        }
        return try! SensorFrame(ts: ts, hz: 1000, axes: axes)
    }
}
