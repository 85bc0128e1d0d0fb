import MQTTTransport
import Synchronization
import TestSupport
import Testing

@Suite("MQTT round trips against a real broker")
struct RoundTripTests {
    @Test(arguments: [QoS.atMostOnce, .atLeastOnce])
    func deliversEveryMessageWithPayloadAndUserProperties(qos: QoS) async throws {
        let broker = try MosquittoBroker()
        let subscriber = try await connectedClient(port: broker.port)
        let publisher = try await connectedClient(port: broker.port)
        try await subscriber.subscribe([Subscription("rt/#", qos: qos)])

        for index in 0..<200 {
            let message = MQTTMessage(
                topic: "rt/\(index % 4)",
                payload: Array("m\(index)".utf8) + [0, 255],
                qos: qos,
                userProperties: [UserProperty("index", "\(index)")]
            )
            try await publisher.publish(message)
        }
        let received = await collectMessages(200, from: subscriber)
        #expect(received.count == 200)
        for (index, message) in received.enumerated() {
            #expect(message.payload == Array("m\(index)".utf8) + [0, 255])
            #expect(message.topic == "rt/\(index % 4)")
            #expect(message.userProperties == [UserProperty("index", "\(index)")])
            #expect(message.qos == qos)
        }
        await publisher.disconnect()
        await subscriber.disconnect()
    }

    @Test func reportsNoSubscribersAsSuccessWithReason0x10() async throws {
        let broker = try MosquittoBroker()
        let publisher = try await connectedClient(port: broker.port)
        let ack = try await publisher.publish(MQTTMessage(topic: "nobody/listens", payload: [1]))
        #expect(ack.reasonCode == 0x10)
        #expect(ack.hadNoSubscribers)
        await publisher.disconnect()
    }

    @Test func retainedMessageReachesLateSubscriber() async throws {
        let broker = try MosquittoBroker()
        let publisher = try await connectedClient(port: broker.port)
        try await publisher.publish(MQTTMessage(topic: "fleet/d1/status", payload: Array("online".utf8), retain: true))
        let late = try await connectedClient(port: broker.port)
        try await late.subscribe([Subscription("fleet/+/status")])
        let received = await collectMessages(1, from: late)
        #expect(received.first?.payload == Array("online".utf8))
        #expect(received.first?.retain == true)
        await late.disconnect()
        await publisher.disconnect()
    }

    @Test func sharedSubscriptionSplitsMessagesBetweenMembers() async throws {
        let broker = try MosquittoBroker()
        let first = try await connectedClient(port: broker.port)
        let second = try await connectedClient(port: broker.port)
        for member in [first, second] { try await member.subscribe([Subscription("$share/hub/ingest/#")]) }
        let publisher = try await connectedClient(port: broker.port)
        for index in 0..<100 { try await publisher.publish(MQTTMessage(topic: "ingest/\(index)", payload: [1])) }

        async let fromFirst = collectMessages(100, from: first, within: .seconds(2))
        async let fromSecond = collectMessages(100, from: second, within: .seconds(2))
        let (a, b) = await (fromFirst, fromSecond)
        #expect(a.count + b.count == 100)
        #expect(!a.isEmpty && !b.isEmpty)
        for client in [first, second, publisher] { await client.disconnect() }
    }

    @Test func inFlightWindowBoundsOutstandingPublishes() async throws {
        let broker = try MosquittoBroker()
        var configuration = localClientConfiguration(port: broker.port)
        configuration.maxInFlight = 4
        let publisher = try MQTTClient(configuration)
        try await publisher.connect()
        let outstanding = Mutex((current: 0, highest: 0, acked: 0))
        for index in 0..<2_000 {
            try await publisher.enqueue(MQTTMessage(topic: "window/\(index)", payload: [1])) { result in
                outstanding.withLock {
                    $0.current -= 1
                    if case .success = result { $0.acked += 1 }
                }
            }
            // Counted once the slot is held; the completion runs before its slot is freed.
            outstanding.withLock {
                $0.current += 1
                $0.highest = max($0.highest, $0.current)
            }
        }
        while outstanding.withLock({ $0.acked }) < 2_000 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(outstanding.withLock { $0.highest } == 4)
        await publisher.disconnect()
    }
}
