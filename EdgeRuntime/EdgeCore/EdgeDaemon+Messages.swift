import DaemonSupport
import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// Handles sensor frames, desired state and commands. A malformed payload is logged (rate-limited for sensor
    /// frames) and dropped; it never stops the daemon.
    func handleMessages(from client: MQTTClient) async {
        for await batch in client.messages {
            for message in batch {
                switch settings.topics.parse(message.topic) {
                case .sensor(let device, let sensor):
                    sensors.handle(payload: message.payload, device: device, sensor: sensor, at: .now)
                case .device(_, .desired):
                    receiveDesired(message)
                case .device(_, .command):
                    await receiveCommand(message, client)
                case .device(_, .artifactChunk):
                    receiveChunk(message)
                case .device(_, .telemetryAck):
                    receiveTelemetryAck(message)
                case .flRound:
                    receiveRound(message)
                default:
                    health.recordError()
                    logger.warning("message on unexpected topic", metadata: ["mqtt.topic": "\(message.topic)"])
                }
            }
        }
    }

    private func receiveTelemetryAck(_ message: MQTTMessage) {
        do {
            outbox.hubConfirmed(try TelemetryAck.decode(message.payload))
        } catch {
            health.recordError()
            logger.error("rejected telemetry ack", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
        }
    }

    private func receiveDesired(_ message: MQTTMessage) {
        do {
            let desired = try DesiredState.decode(message.payload)
            logger.info(
                "desired state received",
                metadata: [
                    "desired.revision": "\(desired.revision)",
                    "desired.model": "\(desired.model.map { "\($0.name)@\($0.version)" } ?? "none")",
                ]
            )
            if let model = desired.model { updater.deliver(desired: model) }
        } catch {
            health.recordError()
            logger.error("rejected desired state", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
        }
    }

    private func receiveCommand(_ message: MQTTMessage, _ client: MQTTClient) async {
        let command: Command
        do {
            command = try Command.decode(message.payload)
        } catch {
            health.recordError()
            logger.error("rejected command", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
            return
        }
        let known = ["ping", "model.rollback"].contains(command.name)
        if command.name == "model.rollback" { updater.requestRollback() }
        do {
            let event = try DeviceEvent(
                device: settings.device,
                seq: store.nextSequence(),
                ts: unixMilliseconds(),
                kind: known ? "command.done" : "command.unknown",
                severity: known ? .info : .error,
                message: known
                    ? (command.name == "ping" ? "pong" : "rollback requested") : "unknown command \(command.name)",
                commandID: command.id
            )
            try await client.publish(
                MQTTMessage(topic: settings.topics.topic(.events, for: settings.device), payload: event.encode())
            )
        } catch {
            logger.error("could not answer command", metadata: ["command.id": "\(command.id)", "error": "\(error)"])
        }
    }
}
