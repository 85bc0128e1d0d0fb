import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// The federated client's sender for one broker session: requests, updates and events at QoS 1.
    func federatedSender(_ client: MQTTClient) -> @Sendable (FederatedClient.Outgoing) async -> Void {
        { [settings, logger] outgoing in
            let message: MQTTMessage
            switch outgoing {
            case .request(let request):
                message = MQTTMessage(
                    topic: settings.topics.topic(.artifactGet, for: settings.device),
                    payload: request.encode()
                )
            case .update(let update):
                message = MQTTMessage(
                    topic: settings.topics.topic(.flUpdate, for: settings.device),
                    payload: update.encode()
                )
            case .event(let event):
                message = MQTTMessage(
                    topic: settings.topics.topic(.events, for: settings.device),
                    payload: event.encode()
                )
            }
            do {
                try await client.publish(message)
            } catch {
                // A lost request is asked again after `fl.chunk_timeout`; a lost update misses its round.
                logger.warning(
                    "federated message not sent",
                    metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"]
                )
            }
        }
    }

    /// Hands a round announcement to the federated client; an empty retained payload (the run ended) is ignored,
    /// a malformed one is logged and dropped.
    func receiveRound(_ message: MQTTMessage) {
        guard !message.payload.isEmpty else { return }
        do {
            federated.deliver(round: try FederatedRound.decode(message.payload))
        } catch {
            health.recordError()
            logger.error("rejected federated round", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
        }
    }
}
