import FirmwareSimulator
import Foundation
import Logging
import MQTTTransport
import TestSupport
import Testing
import WireProtocol

@Suite struct PublishingTests {
    /// Two devices at 100 Hz for two seconds; the second breaks at 1 s.
    static let scenario = """
        rates: {vibration: 100, temperature: 1, current: 10}
        groups:
          - {name: sim, count: 1}
          - name: faulty
            id_prefix: sim-
            count: 1
            schedule: [{at: 1, state: bearing_inner}]
        """

    @Test(arguments: FrameFormat.allCases)
    func twoDevicesForTwoSecondsReachASubscriber(format: FrameFormat) async throws {
        let broker = try MosquittoBroker()
        let subscriber = try await connectedClient(port: broker.port)
        try await subscriber.subscribe([Subscription("sensors/#", qos: .atLeastOnce)])
        let publisher = try await connectedClient(port: broker.port)
        let scenario = try Scenario(yaml: Self.scenario, source: "inline")
        let runner = SimulationRunner(
            scenario: scenario,
            settings: try scenario.settings(duration: 2, seed: 3, format: format),
            pacing: .fast,
            clock: ContinuousClock(),
            logger: quietLogger
        )
        let report = try await runner.run(publishingTo: publisher, startTimestamp: 1_700_000_000_000)
        var expected = SimulationReport()
        expected.frameTicks = 2
        expected.framesPublished = 2 * 3 * 2
        expected.labelsPublished = 3
        expected.completed = true
        #expect(report == expected)

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
                let rate = SensorRates(vibration: 100).rate(of: sensor)
                #expect(received.allSatisfy { $0.sampleCount == Int(rate) && $0.hz == rate })
            }
        }
        #expect(labels == ["sim-0000": ["normal"], "sim-0001": ["normal", "bearing_inner"]])
    }

    @Test func mosquittoSubSeesValidFrames() async throws {
        let broker = try MosquittoBroker()
        let directory = try TemporaryDirectory(prefix: "mosquitto-sub")
        defer { directory.remove() }
        let output = directory.file("frames.txt")
        // 2 devices × 3 sensors × 2 frames; JSON frames are one line each.
        let subscriber = try spawnProcess(
            [
                "mosquitto_sub", "-p", "\(broker.port)", "-t", "sensors/+/vibration", "-t", "sensors/+/current",
                "-t", "sensors/+/temperature", "-C", "12", "-W", "20", "-F", "%t %p",
            ],
            searchPath: true,
            standardOutput: .truncate(output),
            standardError: .truncate(directory.file("stderr"))
        )
        // mosquitto_sub has no ready signal: wait until the broker logs its subscription.
        for _ in 0..<200 where !broker.log().contains("sensors/+/temperature") {
            try await Task.sleep(for: .milliseconds(10))
        }
        let publisher = try await connectedClient(port: broker.port)
        let scenario = try Scenario(yaml: Self.scenario, source: "inline")
        let runner = SimulationRunner(
            scenario: scenario,
            settings: try scenario.settings(duration: 2, format: .json),
            pacing: .fast,
            clock: ContinuousClock(),
            logger: quietLogger
        )
        _ = try await runner.run(publishingTo: publisher, startTimestamp: 1_700_000_000_000)
        await publisher.disconnect()
        var status: Int32 = 0
        waitpid(subscriber, &status, 0)
        #expect(status == 0)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let frame = try SensorFrame.decode(Array(parts[1].utf8))
            #expect(frame.ts >= 1_700_000_000_000, "\(parts[0])")
        }
    }

    @Test func aFrameFromMosquittoPubIsAccepted() async throws {
        let broker = try MosquittoBroker()
        let subscriber = try await connectedClient(port: broker.port)
        try await subscriber.subscribe([Subscription("sensors/pump-7/vibration", qos: .atLeastOnce)])
        let typed =
            #"{ "v": 1, "ts": 1700000000000, "hz": 1000, "axes": {"z": [0.5, -1], "x": [0, 1e-3], "y": [2, 3]} }"#
        let publisher = try spawnProcess(
            ["mosquitto_pub", "-p", "\(broker.port)", "-t", "sensors/pump-7/vibration", "-q", "1", "-m", typed],
            searchPath: true,
            standardOutput: .truncate("/dev/null"),
            standardError: .truncate("/dev/null")
        )
        var status: Int32 = 0
        waitpid(publisher, &status, 0)
        #expect(status == 0)
        let messages = await collectMessages(1, from: subscriber)
        await subscriber.disconnect()
        let frame = try SensorFrame.decode(try #require(messages.first).payload)
        #expect(frame.ts == 1_700_000_000_000)
        #expect(frame.hz == 1_000)
        #expect(frame.axes.map(\.name) == ["x", "y", "z"])
        #expect(frame.samples(of: "x") == [0, 0.001])
        #expect(frame.samples(of: "z") == [0.5, -1])
    }

    @Test func aCancelledRunStopsAndReportsWhatItSent() async throws {
        let broker = try MosquittoBroker()
        let publisher = try await connectedClient(port: broker.port)
        let runner = SimulationRunner(
            settings: try Scenario.builtIn.settings(devices: 1),
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
}

/// The runner's progress lines are not what these tests check.
private let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
