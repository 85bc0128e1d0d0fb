import Logging
import MQTTTransport

/// Publishes a process's retained status: online on connect, reconnect and heartbeat, offline at shutdown. The same
/// offline status, registered as the MQTT will, covers a crash or a lost network.
public struct Presence: Sendable {
    /// Topic of the retained status.
    public let topic: String
    /// Builds the status payload for a state (`online`, `offline`); a sequence number is drawn per call.
    public let payload: @Sendable (_ online: Bool) throws -> [UInt8]

    /// Creates a presence for `topic`.
    public init(topic: String, payload: @escaping @Sendable (_ online: Bool) throws -> [UInt8]) {
        self.topic = topic
        self.payload = payload
    }

    /// The will to register at connect: the offline status, retained.
    public func will() throws -> MQTTMessage {
        MQTTMessage(topic: topic, payload: try payload(false), qos: .atLeastOnce, retain: true)
    }

    /// Publishes the status and waits for the broker's PUBACK, at most `timeout`; failures are logged, not thrown,
    /// since a missed status is repaired by the next heartbeat.
    public func announce(online: Bool, on client: MQTTClient, logger: Logger, timeout: Duration = .seconds(5)) async {
        let message: MQTTMessage
        do {
            message = MQTTMessage(topic: topic, payload: try payload(online), qos: .atLeastOnce, retain: true)
        } catch {
            logger.error("could not build status", metadata: ["error": "\(error)"])
            return
        }
        let published = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await client.publish(message)
                    return true
                } catch {
                    logger.error("status publish failed", metadata: ["error": "\(error)", "mqtt.topic": "\(topic)"])
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if published { logger.debug("status published", metadata: ["online": "\(online)"]) }
    }
}
