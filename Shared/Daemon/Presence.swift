import Logging
import MQTTTransport

/// Publishes a process's retained status: online on connect, reconnect and heartbeat, offline at shutdown. An
/// offline status registered as the MQTT will covers a crash or a lost network.
public struct Presence: Sendable {
    /// Topic of the retained status.
    public let topic: String
    /// The will: the offline status the broker publishes if this process vanishes, built once at start.
    public let will: MQTTMessage
    /// Builds the status payload for a state (`online`, `offline`); a sequence number is drawn per call.
    public let payload: @Sendable (_ online: Bool) throws -> [UInt8]

    /// Creates a presence for `topic` whose will payload is `willPayload`.
    public init(topic: String, willPayload: [UInt8], payload: @escaping @Sendable (_ online: Bool) throws -> [UInt8]) {
        self.topic = topic
        self.will = MQTTMessage(topic: topic, payload: willPayload, qos: .atLeastOnce, retain: true)
        self.payload = payload
    }

    /// Publishes the status and waits for the broker's PUBACK, at most `timeout`; failures are logged, not thrown,
    /// since a missed status is repaired by the next heartbeat or reconnect.
    public func announce(online: Bool, on client: MQTTClient, logger: Logger, timeout: Duration = .seconds(5)) async {
        let message: MQTTMessage
        do {
            message = MQTTMessage(topic: topic, payload: try payload(online), qos: .atLeastOnce, retain: true)
        } catch {
            logger.error("could not build status", metadata: ["error": "\(error)"])
            return
        }
        let outcome: MQTTError? = await withTaskGroup(of: MQTTError?.self) { group in
            group.addTask {
                do throws(MQTTError) {
                    try await client.publish(message)
                    return nil
                } catch {
                    return error
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return MQTTError(.timeout, topic: topic, message: "no PUBACK within \(timeout)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let outcome {
            logger.warning("status not confirmed", metadata: ["online": "\(online)", "error": "\(outcome)"])
        } else {
            logger.debug("status published", metadata: ["online": "\(online)"])
        }
    }
}
