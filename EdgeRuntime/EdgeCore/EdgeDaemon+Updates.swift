import DaemonSupport
import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// The update executor for one broker session: requests and events go out at QoS 1; a changed active model is
    /// loaded by the inference stage and announced at once in the retained status.
    func updateExecutor(_ client: MQTTClient, _ presence: Presence) -> UpdateExecutor {
        UpdateExecutor(store: store, device: settings.device, healthCheck: healthCheck, logger: logger) { outgoing in
            let message: MQTTMessage
            switch outgoing {
            case .request(let request):
                message = MQTTMessage(
                    topic: settings.topics.topic(.artifactGet, for: settings.device),
                    payload: request.encode()
                )
            case .event(let event):
                message = MQTTMessage(
                    topic: settings.topics.topic(.events, for: settings.device),
                    payload: event.encode()
                )
            case .statusChanged:
                inference.reload()
                await presence.announce(online: true, on: client, logger: logger)
                return
            }
            do {
                try await client.publish(message)
            } catch {
                // A lost request is asked again after `update.chunk_timeout`; a lost event only costs the report.
                logger.warning(
                    "update message not sent",
                    metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"]
                )
            }
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
