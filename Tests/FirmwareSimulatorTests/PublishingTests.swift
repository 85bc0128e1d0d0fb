import FirmwareSimulator
import Foundation
import Logging
import MQTTTransport
import TestSupport
import Testing
import WireProtocol

@Suite struct PublishingTests {
    @Test(arguments: FrameFormat.allCases)
    func twoDevicesForTwoSecondsReachASubscriber(format: FrameFormat) async throws {
        let broker = try MosquittoBroker()
        let subscriber = try await connectedClient(port: broker.port)
        try await subscriber.subscribe([Subscription("sensors/#", qos: .atLeastOnce)])
        let publisher = try await connectedClient(port: broker.port)
        let settings = try SimulationSettings(
            deviceCount: 2,
            durationSeconds: 2,
            seed: 3,
            format: format,
            faultDeviceFraction: 0.5
        )
        let runner = SimulationRunner(
            settings: settings,
            pacing: .fast,
            clock: ContinuousClock(),
            logger: quietLogger
        )
        let report = try await runner.run(publishingTo: publisher, startTimestamp: 1_700_000_000_000)
        #expect(report == expectedReport(settings))

        let messages = await collectMessages(report.framesPublished + report.labelsPublished, from: subscriber)
        await publisher.disconnect()
        await subscriber.disconnect()

        var frames: [String: [SensorFrame]] = [:]
        var labels: [String: [String]] = [:]
        for message in messages {
            let levels = message.topic.split(separator: "/").map(String.init)
            try #require(levels.count == 3 && levels[0] == "sensors")
            if levels[2] == "label" {
                let object = try JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any]
                labels[levels[1], default: []].append(object?["state"] as? String ?? "?")
            } else {
                frames["\(levels[1])/\(levels[2])", default: []].append(try SensorFrame.decode(message.payload))
            }
        }
        for device in ["sim-0000", "sim-0001"] {
            for sensor in SimulatedSensor.allCases {
                let received = frames["\(device)/\(sensor.rawValue)"] ?? []
                #expect(received.map(\.ts) == [1_700_000_000_000, 1_700_000_001_000], "\(device)/\(sensor)")
                #expect(received.allSatisfy { $0.sampleCount == 100 && $0.hz == 100 })
            }
            #expect(labels[device]?.first == "normal")
        }
        // One device of two breaks, at frame 1 of 2.
        #expect(labels.values.map(\.count).sorted() == [1, 2])
        #expect(labels.values.flatMap { $0 }.filter { $0 != "normal" }.count == 1)
    }

    @Test func aCancelledRunStopsAndReportsWhatItSent() async throws {
        let broker = try MosquittoBroker()
        let publisher = try await connectedClient(port: broker.port)
        let settings = try SimulationSettings(deviceCount: 1)
        let runner = SimulationRunner(
            settings: settings,
            pacing: .realTime,
            clock: ContinuousClock(),
            logger: quietLogger
        )
        let run = Task { try await runner.run(publishingTo: publisher, startTimestamp: 0) }
        run.cancel()
        let report = try await run.value
        await publisher.disconnect()
        #expect(!report.completed)
        #expect(report.failed == 0)
        #expect(report.framesPublished == 3 * report.frameTicks)
    }

    private func expectedReport(_ settings: SimulationSettings) -> SimulationReport {
        var report = SimulationReport()
        report.frameTicks = 2
        report.framesPublished = 2 * 3 * 2
        report.labelsPublished = 2 + settings.faultyDeviceCount
        report.completed = true
        return report
    }
}

/// The runner's progress lines are not what these tests check.
private let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
