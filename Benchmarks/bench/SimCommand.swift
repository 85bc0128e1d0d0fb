import ArgumentParser
import FirmwareSimulator
import Foundation
import Logging
import MQTTTransport
import TestSupport

/// `bench sim`: the CPU the simulator needs for a fleet in real time (1,000 devices at 100 Hz × 3 axes, frames of
/// 1 s, against a real broker with a `mosquitto_sub` receiving every frame), then its top speed with `--fast`.
///
/// `cpu_cores_1000_devices` is this process's CPU time (every thread, the MQTT network thread included) over
/// the wall time of the real-time run; the broker's and the subscriber's CPU are reported beside it.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "CPU of 1,000 simulated devices in real time, and the simulator's top frame rate (--fast)."
    )

    @Option(help: "Simulated devices.")
    var devices = 1_000

    @Option(help: "Vibration sample rate, Hz.")
    var rate = 100.0

    @Option(help: "Seconds of the real-time run.")
    var seconds = 15.0

    @Option(name: .customLong("fast-seconds"), help: "Simulated seconds of the --fast run.")
    var fastSeconds = 10.0

    func validate() throws {
        guard devices > 0 else { throw ValidationError("--devices must be at least 1") }
        guard seconds >= 1, fastSeconds >= 1 else { throw ValidationError("--seconds and --fast-seconds: at least 1") }
    }

    func run() async throws {
        let realTime = try await measure(pacing: .realTime, seconds: seconds)
        let fast = try await measure(pacing: .fast, seconds: fastSeconds)

        var line = JSONLine()
        line.add("bench", "sim")
        line.add("devices", devices)
        line.add("rate_hz", rate, decimals: 0)
        line.add("seconds", seconds, decimals: 0)
        line.add("cpu_cores_1000_devices", realTime.cpuCores, decimals: 3)
        line.add("cpu_cores_target", 0.5, decimals: 1)
        line.add("frames_per_s", realTime.framesPerSecond, decimals: 0)
        line.add("frames_published", realTime.report.framesPublished)
        line.add("frames_received", realTime.received)
        line.add("broker_cpu_cores", realTime.brokerCores, decimals: 3)
        line.add("subscriber_cpu_cores", realTime.subscriberCores, decimals: 3)
        line.add("fast_frames_per_s", fast.framesPerSecond, decimals: 0)
        line.add("fast_cpu_cores", fast.cpuCores, decimals: 3)
        line.add("fast_speedup_vs_real_time", fast.framesPerSecond / realTime.framesPerSecond, decimals: 2)
        print(line.text)
    }

    /// What one run cost.
    private struct Measurement {
        var report: SimulationReport
        var wall: Double
        var cpu: Double
        var brokerCPU: Double
        var subscriberCPU: Double
        var received: Int

        var cpuCores: Double { cpu / wall }
        var brokerCores: Double { brokerCPU / wall }
        var subscriberCores: Double { subscriberCPU / wall }
        var framesPerSecond: Double { Double(report.framesPublished) / wall }
    }

    private func measure(pacing: Pacing, seconds: Double) async throws -> Measurement {
        let broker = try MosquittoBroker()
        let directory = try TemporaryDirectory(prefix: "bench-sim")
        defer { directory.remove() }
        let settings = try Scenario.builtIn.settings(devices: devices, rate: rate, duration: seconds)
        let expected = devices * 3 * (settings.frameCount ?? 0)
        let topics = directory.file("topics")
        let subscriber = try ChildProcess(
            ["mosquitto_sub", "-p", "\(broker.port)", "-C", "\(expected)", "-F", "%t"]
                + SimulatedSensor.allCases.flatMap { ["-t", "sensors/+/\($0.rawValue)"] },
            output: topics,
            errors: directory.file("stderr")
        )
        for _ in 0..<200 where !broker.log().contains("sensors/+/current") {
            try await Task.sleep(for: .milliseconds(10))
        }
        var configuration = MQTTConfiguration(port: broker.port, clientID: "bench-sim")
        configuration.maxInFlight = 8_192
        let client = try MQTTClient(configuration)
        try await client.connect()
        let runner = SimulationRunner(
            settings: settings,
            pacing: pacing,
            clock: ContinuousClock(),
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        )
        let before = CPUUsage.now()
        let started = ContinuousClock.now
        let report = try await runner.run(publishingTo: client, startTimestamp: 1_700_000_000_000)
        let elapsed = started.duration(to: .now)
        let cpu = CPUUsage.now().process - before.process
        await client.disconnect()
        // The subscriber ends by itself once it has every frame; a frame lost on the way would leave it waiting.
        let deadline = ContinuousClock.now + .seconds(30)
        while topicCount(topics) < expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let received = topicCount(topics)
        if received < expected { subscriber.terminate() }
        let subscriberExit = subscriber.wait()
        let childrenBefore = CPUUsage.now().children
        broker.stop()
        let brokerCPU = CPUUsage.now().children - childrenBefore
        return Measurement(
            report: report,
            wall: Self.seconds(elapsed),
            cpu: Self.seconds(cpu),
            brokerCPU: Self.seconds(brokerCPU),
            subscriberCPU: Self.seconds(subscriberExit.cpu),
            received: received
        )
    }

    private func topicCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
