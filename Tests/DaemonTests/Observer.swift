import MQTTTransport
import Synchronization
import TestSupport
import WireProtocol

/// A plain MQTT client that watches what the daemons publish, read as a stream with a cursor: `next(where:)`
/// skips messages up to the first match and keeps those after it for the next call.
final class Observer: Sendable {
    /// The underlying client, also used to publish as a fake hub or device.
    let client: MQTTClient
    private let received = Mutex<[MQTTMessage]>([])

    private init(client: MQTTClient) {
        self.client = client
    }

    /// Connects to the broker on `port` and subscribes to `filters` (QoS 1).
    static func connect(port: Int, filters: [String]) async throws -> Observer {
        let client = try await connectedClient(port: port)
        if !filters.isEmpty {
            try await client.subscribe(filters.map { Subscription($0) })
        }
        return Observer(client: client)
    }

    /// The first message matching `predicate` not yet taken, waiting for it at most `timeout`; nil on timeout.
    func next(
        within timeout: Duration = .seconds(10),
        where predicate: @escaping @Sendable (MQTTMessage) -> Bool
    ) async -> MQTTMessage? {
        if let match = take(predicate) { return match }
        return await withTaskGroup(of: MQTTMessage?.self) { group in
            group.addTask {
                for await batch in self.client.messages {
                    self.received.withLock { $0 += batch }
                    if let match = self.take(predicate) { return match }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// The next status on `topic` in `state`, decoded.
    func nextStatus(
        on topic: String,
        state: DeviceStatus.State,
        within timeout: Duration = .seconds(10)
    ) async
        -> DeviceStatus?
    {
        let message = await next(within: timeout) { message in
            message.topic == topic && (try? DeviceStatus.decode(message.payload))?.state == state
        }
        return message.flatMap { try? DeviceStatus.decode($0.payload) }
    }

    /// The next event on `topic` answering the command `commandID`, decoded.
    func nextAnswer(
        on topic: String,
        to commandID: String,
        within timeout: Duration = .seconds(10)
    ) async
        -> DeviceEvent?
    {
        let message = await next(within: timeout) { message in
            message.topic == topic && (try? DeviceEvent.decode(message.payload))?.commandID == commandID
        }
        return message.flatMap { try? DeviceEvent.decode($0.payload) }
    }

    /// Publishes `payload` on `topic` with QoS 1 and waits for the PUBACK.
    func publish(_ payload: [UInt8], on topic: String, retain: Bool = false) async throws {
        try await client.publish(MQTTMessage(topic: topic, payload: payload, qos: .atLeastOnce, retain: retain))
    }

    /// Disconnects cleanly.
    func close() async {
        await client.disconnect()
    }

    private func take(_ predicate: (MQTTMessage) -> Bool) -> MQTTMessage? {
        received.withLock { messages in
            guard let index = messages.firstIndex(where: predicate) else { return nil }
            let match = messages[index]
            messages.removeFirst(index + 1)
            return match
        }
    }
}
