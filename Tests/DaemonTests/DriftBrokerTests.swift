import DaemonSupport
import EdgeCore
import EdgeModel
import FoundationEssentials
import HubCore
import TestSupport
import Testing
import WireProtocol

/// Drift monitoring through a real broker, a real hub and a real edge: the edge's interval summaries reach the hub,
/// and a device whose features lie far from the model's reference is flagged, with the event on the hub's drift
/// topic.
@Suite struct DriftBrokerTests {
    @Test func summariesArriveAndADriftedDeviceIsFlagged() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(
            broker: broker,
            extraFlags: [
                "drift.evaluate_interval=200ms", "drift.min_count=1", "drift.persistence=1", "drift.window=24h",
                "drift.baseline=reference",
            ]
        )
        let edge = try EdgeUnderTest(broker: broker, extraFlags: InferenceTests.smallPipeline + ["drift.interval=1s"])
        let pipeline = edge.settings.sensors.pipeline
        // A reference no live vibration feature comes near: every feature trained on values around 1000.
        var random = SplitMix64(seed: 3)
        let training = (0..<500).map { _ in
            (0..<pipeline.featureCount).map { _ in 1_000 + Float.random(in: 0...1, using: &random) }
        }
        let reference = DriftReference(training: training, names: pipeline.featureNames, bins: 10)
        let artifact = try TestModel.artifact(pipeline: pipeline, driftReference: reference)
        try hub.store.register(
            ModelCandidate(name: "bearing", version: 1, artifact: artifact, metrics: [:], lineage: ModelLineage()),
            actor: "test",
            now: 1,
            signer: nil
        )
        let edgeStore = try EdgeStateStore(directory: edge.settings.stateDirectory)
        try edgeStore.stageModel(name: "bearing", version: 1, artifact: artifact, now: 1)
        try edgeStore.activate(.a)
        let device = edge.settings.device.rawValue
        let driftTopic = "\(hub.settings.topics.prefix)/hubs/\(hub.settings.hubID.rawValue)/drift"
        let monitor = DriftMonitor(store: hub.store, settings: hub.settings.drift, logger: quietLogger)
        try await whileRunning(hub.daemon) {
            try await whileRunning(try edge.daemon()) {
                let observer = try await Observer.connect(
                    port: broker.port,
                    filters: [driftTopic, edge.topic(.status)]
                )
                _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                let topic = try edge.settings.topics.sensor("vibration", of: edge.settings.device)
                // 80 frames of 32 ms: 2.5 s of sensor time, so the intervals of seconds 0 and 1 are closed and sent.
                // They start 10 s ago: the hub's window ends at its clock, and sensor time is what intervals follow.
                let start = (unixMilliseconds() / 1_000 - 10) * 1_000
                for frame in InferenceTests.frames(80, start: start) {
                    try await observer.publish(frame.encode(), on: topic)
                }
                let message = try #require(await observer.next(within: .seconds(20)) { $0.topic == driftTopic })
                let event = try JSONDecoder().decode(DriftMonitor.Event.self, from: Data(message.payload))
                #expect(event.v == 1 && event.state == "drift" && event.model == "bearing")
                #expect(event.scope == device || event.scope == DriftMonitor.fleetScope)
                await observer.close()
                // The event may come with the first interval's summary; the second follows it.
                let stored = try await eventually {
                    try monitor.report(device: device, model: "bearing", nowMs: unixMilliseconds())
                        .contains { $0.scope == device && $0.summaries >= 2 }
                }
                #expect(stored, "the second interval's summary never arrived")
            }
        }
        let reports = try monitor.report(device: device, model: "bearing", nowMs: unixMilliseconds())
        let deviceReport = try #require(reports.first { $0.scope == device })
        #expect(deviceReport.summaries >= 2)
        #expect(deviceReport.flagged && deviceReport.driftedShare == 1)
        #expect((deviceReport.validation?.outOfRange ?? 0) > 0)
    }
}
