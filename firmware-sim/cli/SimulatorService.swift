import DaemonSupport
import FirmwareSimulator
import Logging
import MQTTTransport
import ServiceLifecycle

/// The simulator as a service: connects (retrying while the broker is down), runs the simulation until its
/// duration or a graceful shutdown, logs the totals and disconnects cleanly.
struct SimulatorService: Service {
    let scenario: Scenario
    let settings: SimulationSettings
    let pacing: Pacing
    let mqtt: MQTTConfiguration
    let logger: Logger

    func run() async throws {
        let client = try MQTTClient(mqtt)
        do {
            try await cancelWhenGracefulShutdown { try await client.connectRetrying(logger: logger) }
        } catch is CancellationError {
            logger.info("stopped before the broker was reached")
            return
        }
        let runner = SimulationRunner(
            scenario: scenario,
            settings: settings,
            pacing: pacing,
            clock: ContinuousClock(),
            logger: logger
        )
        let started = ContinuousClock.now
        let report = try await cancelWhenGracefulShutdown {
            try await runner.run(publishingTo: client, startTimestamp: unixMilliseconds())
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        logger.info(
            "simulation finished",
            metadata: [
                "sim.frames": "\(report.framesPublished)", "sim.labels": "\(report.labelsPublished)",
                "sim.failed": "\(report.failed)", "sim.dropped": "\(report.dropped)",
                "sim.frame_ticks": "\(report.frameTicks)", "sim.completed": "\(report.completed)",
                "sim.elapsed_s": "\(seconds)",
                "sim.frames_per_s": "\(Int((Double(report.framesPublished) / max(seconds, 1e-9)).rounded()))",
            ]
        )
        await client.disconnect()
    }
}
