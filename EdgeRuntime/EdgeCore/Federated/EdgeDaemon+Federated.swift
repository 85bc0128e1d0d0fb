import MQTTTransport
import WireProtocol

extension EdgeDaemon {
    /// The federated client's sender for one broker session: requests, updates and events at QoS 1. A lost request
    /// is asked again after `fl.chunk_timeout`; a lost update misses its round.
    func federatedSender(_ client: MQTTClient) -> @Sendable (FederatedClient.Outgoing) async -> Void {
        { outgoing in
            switch outgoing {
            case .request(let request): await publish(request.encode(), on: .artifactGet, through: client)
            case .update(let update): await publish(update.encode(), on: .flUpdate, through: client)
            case .event(let event): await publish(event.encode(), on: .events, through: client)
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
