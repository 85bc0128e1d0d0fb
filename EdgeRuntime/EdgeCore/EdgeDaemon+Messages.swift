import DaemonSupport
import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// Handles sensor frames, desired state and commands. Frames go through a ``FrameBacklog`` to their own task, so
    /// control messages never wait behind them. A malformed payload is logged (rate-limited for sensor frames) and
    /// dropped; it never stops the daemon.
    func handleMessages(from client: MQTTClient) async {
        let backlog = FrameBacklog(logger: logger)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await frame in backlog.frames {
                    guard case .sensor(let device, let sensor) = settings.topics.parse(frame.topic) else { continue }
                    sensors.handle(payload: frame.payload, device: device, sensor: sensor, at: .now)
                    // A frame can cost many windows; with frames waiting, the loop would not suspend otherwise and
                    // would keep the other tasks (sender, confirmations, updates) off the few threads there are.
                    await Task.yield()
                }
            }
            for await batch in client.messages {
                for message in batch {
                    switch settings.topics.parse(message.topic) {
                    case .sensor:
                        backlog.offer(message)
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
            backlog.finish()
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
