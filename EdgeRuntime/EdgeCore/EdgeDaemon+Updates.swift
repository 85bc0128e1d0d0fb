import DaemonSupport
import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// The update executor for one broker session: requests and events go out at QoS 1; a changed active model is
    /// loaded by the inference stage and announced at once in the retained status.
    func updateExecutor(_ client: MQTTClient, _ presence: Presence) -> UpdateExecutor {
        UpdateExecutor(store: store, device: settings.device, healthCheck: healthCheck, logger: logger) { outgoing in
            switch outgoing {
            case .request(let request):
                // A lost request is asked again after `update.chunk_timeout`.
                await publish(request.encode(), on: .artifactGet, through: client)
            case .event(let event):
                // A lost event only costs the report.
                await publish(event.encode(), on: .events, through: client)
            case .statusChanged:
                inference.reload()
                await presence.announce(online: true, on: client, logger: logger)
            }
        }
    }

    /// Publishes `payload` at QoS 1 on this device's `kind` topic; a failure is logged (the callers say what a lost
    /// message costs).
    func publish(_ payload: [UInt8], on kind: DeviceTopic, through client: MQTTClient) async {
        let topic = settings.topics.topic(kind, for: settings.device)
        do {
            try await client.publish(MQTTMessage(topic: topic, payload: payload))
        } catch {
            logger.warning("message not sent", metadata: ["mqtt.topic": "\(topic)", "error": "\(error)"])
        }
    }

    /// Hands an artifact chunk to the updater; a malformed one is logged and dropped.
    func receiveChunk(_ message: MQTTMessage) {
        do {
            let chunk = try ArtifactChunk.decode(message.payload)
            // Chunks of a federated round's weights go to the federated client, every other to the updater.
            if !federated.deliver(chunk: chunk) { updater.deliver(chunk: chunk) }
        } catch {
            health.recordError()
            logger.error("rejected artifact chunk", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
        }
    }
}
