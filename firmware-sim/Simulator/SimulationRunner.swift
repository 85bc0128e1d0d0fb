import Logging
import MQTTTransport
import WireProtocol

/// Runs a ``FleetSimulation`` against a broker: every frame period it publishes, for each device, its vibration,
/// temperature and current frames (those due) on `sensors/{device}/{sensor}` at QoS 0, through the device's
/// delivery faults, and a retained ground-truth label on `sensors/{device}/label` at QoS 1 when the device's
/// state changed (labels are never subject to delivery faults).
///
/// Messages are pipelined with ``MQTTClient/enqueue(_:completion:)``; the client's in-flight window is the
/// back-pressure. A line with the frame rate is logged every ``reportInterval`` of clock time.
public struct SimulationRunner<C: Clock>: Sendable where C.Duration == Duration {
    /// The fleet's composition, schedules, drift and faults.
    public let scenario: Scenario
    /// What to simulate.
    public let settings: SimulationSettings
    /// Real-time or as fast as possible.
    public let pacing: Pacing
    /// Topic layout; the sensor prefix is used.
    public let topics: Topics
    /// Time between progress lines.
    public let reportInterval: Duration
    private let clock: C
    private let logger: Logger

    /// A runner; nothing happens until ``run(publishingTo:startTimestamp:)``.
    public init(
        scenario: Scenario = .builtIn,
        settings: SimulationSettings,
        pacing: Pacing,
        topics: Topics = Topics(),
        clock: C,
        reportInterval: Duration = .seconds(10),
        logger: Logger
    ) {
        self.scenario = scenario
        self.settings = settings
        self.pacing = pacing
        self.topics = topics
        self.clock = clock
        self.reportInterval = reportInterval
        self.logger = logger
    }

    /// Simulates and publishes until the duration is reached or the task is cancelled (then it stops after the
    /// current frame period), waits until the client has an outcome for every message, and reports the counts.
    /// The client must be connected; it stays connected.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` for a negative `startTimestamp`, `.publishFailed` when the
    ///   client refuses a message for good (closed, invalid) or a frame breaks the wire rules. A frame refused
    ///   because the connection is down is counted as dropped instead, and the run goes on.
    public func run(
        publishingTo client: MQTTClient,
        startTimestamp: Int64
    ) async throws(SimulationError)
        -> SimulationReport
    {
        var fleet = try FleetSimulation(scenario: scenario, settings: settings, startTimestamp: startTimestamp)
        let routes = try fleet.devices.map { device throws(SimulationError) in try DeviceRoutes(device.id, topics) }
        let tally = PublishTally()
        let start = clock.now
        var progress = Progress(at: start)
        var tick = 0
        logger.info(
            "simulation started",
            metadata: [
                "sim.devices": "\(settings.deviceCount)", "sim.rate_hz": "\(settings.rates.vibration)",
                "sim.seed": "\(settings.seed)", "sim.format": "\(settings.format.rawValue)",
                "sim.groups": "\(scenario.groups.map(\.name).joined(separator: ","))",
            ]
        )
        defer { logger.info("simulation stopped", metadata: ["sim.frame_ticks": "\(tick)"]) }
        while settings.frameCount.map({ tick < $0 }) ?? true, !Task.isCancelled {
            if pacing == .realTime {
                // Like a real sensor, a frame goes out once its last sample has been taken: at the end of its period.
                do {
                    try await clock.sleep(
                        until: start.advanced(by: settings.frameDuration * (tick + 1)),
                        tolerance: nil
                    )
                } catch {
                    break
                }
            }
            for index in fleet.devices.indices {
                let frames: DeviceFrames
                let outgoing: [OutgoingFrame]
                do {
                    frames = try fleet.devices[index].nextFrames()
                    outgoing = try fleet.delivery[index].deliver(frames)
                } catch {
                    throw SimulationError(.publishFailed, "\(fleet.devices[index].id): \(error)")
                }
                try await publish(outgoing, label: frames.label, to: routes[index], on: client, tally: tally)
            }
            tick += 1
            progress.log(tally.report, now: clock.now, every: reportInterval, logger: logger)
        }
        for index in fleet.delivery.indices {
            try await publish(fleet.delivery[index].flush(), label: nil, to: routes[index], on: client, tally: tally)
        }
        await tally.drain()
        var report = tally.report
        report.frameTicks = tick
        report.completed = settings.frameCount.map { tick >= $0 } ?? false
        return report
    }

    private func publish(
        _ frames: [OutgoingFrame],
        label: GroundTruthLabel?,
        to routes: DeviceRoutes,
        on client: MQTTClient,
        tally: PublishTally
    ) async throws(SimulationError) {
        for frame in frames {
            let message = MQTTMessage(topic: routes.topic(of: frame.sensor), payload: frame.payload, qos: .atMostOnce)
            try await send(message, on: client, tally: tally, isLabel: false)
        }
        if let label {
            let message = MQTTMessage(topic: routes.label, payload: label.encodeJSON(), qos: .atLeastOnce, retain: true)
            try await send(message, on: client, tally: tally, isLabel: true)
        }
    }

    private func send(
        _ message: MQTTMessage,
        on client: MQTTClient,
        tally: PublishTally,
        isLabel: Bool
    ) async throws(SimulationError) {
        tally.submitting()
        do {
            try await client.enqueue(message) { tally.completed($0, isLabel: isLabel) }
        } catch  where error.code == .notConnected {
            tally.refused(droppedFrame: true)
        } catch {
            tally.refused(droppedFrame: false)
            throw SimulationError(.publishFailed, "\(error)")
        }
    }
}

/// The topics of one device, built once rather than per frame.
private struct DeviceRoutes {
    let vibration: String
    let temperature: String
    let current: String
    let label: String

    init(_ device: DeviceID, _ topics: Topics) throws(SimulationError) {
        do {
            vibration = try topics.sensor(SimulatedSensor.vibration.rawValue, of: device)
            temperature = try topics.sensor(SimulatedSensor.temperature.rawValue, of: device)
            current = try topics.sensor(SimulatedSensor.current.rawValue, of: device)
            label = try topics.sensor("label", of: device)
        } catch {
            throw SimulationError(.invalidSetting, setting: "topics", "\(error)")
        }
    }

    func topic(of sensor: SimulatedSensor) -> String {
        switch sensor {
        case .vibration: return vibration
        case .temperature: return temperature
        case .current: return current
        }
    }
}
