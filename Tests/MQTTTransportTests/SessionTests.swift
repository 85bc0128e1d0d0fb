import MQTTTransport
import TestSupport
import Testing

@Suite("MQTT sessions survive disconnects, broker restarts and crashes")
struct SessionTests {
    @Test func persistentSessionReceivesEveryQoS1MessagePublishedWhileOffline() async throws {
        let broker = try MosquittoBroker()
        var configuration = localClientConfiguration(port: broker.port, clientID: "persistent-edge")
        configuration.cleanStart = false
        configuration.sessionExpirySeconds = 3_600
        let first = try MQTTClient(configuration)
        try await first.connect()
        try await first.subscribe([Subscription("offline/#")])
        await first.disconnect()

        let publisher = try await connectedClient(port: broker.port)
        for index in 0..<1_500 {
            try await publisher.enqueue(MQTTMessage(topic: "offline/\(index)", payload: Array("\(index)".utf8))) { _ in
            }
        }
        // The last publish's PUBACK means the broker holds all of them for the offline session.
        try await publisher.publish(MQTTMessage(topic: "offline/last", payload: []))

        let resumed = try MQTTClient(configuration)
        try await resumed.connect()
        let received = await collectMessages(1_501, from: resumed, within: .seconds(20))
        #expect(received.count == 1_501)
        #expect(Set(received.map(\.topic)).count == 1_501)
        await resumed.disconnect()
        await publisher.disconnect()
    }

    @Test func reconnectsAfterBrokerKillRestoresSubscriptionsAndPublishing() async throws {
        let broker = try MosquittoBroker()
        let subscriber = try await connectedClient(port: broker.port)
        try await subscriber.subscribe([Subscription("restart/#")])
        let publisher = try await connectedClient(port: broker.port)
        try await publisher.publish(MQTTMessage(topic: "restart/before", payload: [1]))
        #expect(await collectMessages(1, from: subscriber).count == 1)

        broker.kill()
        try await Task.sleep(for: .milliseconds(200))
        #expect(!subscriber.isConnected)
        try broker.start()

        // Published while the publisher may still be offline: libmosquitto keeps QoS 1 and sends it on reconnect.
        let ack = try await publisher.publish(MQTTMessage(topic: "restart/after", payload: [2]))
        #expect(ack.reasonCode < 0x80)
        var received = await collectMessages(1, from: subscriber, within: .seconds(15))
        // The subscriber may reconnect after the publisher, when the message found no subscriber: publish again.
        for _ in 0..<30 where received.isEmpty {
            try await publisher.publish(MQTTMessage(topic: "restart/after", payload: [2]))
            received = await collectMessages(1, from: subscriber, within: .milliseconds(500))
        }
        #expect(received.first?.payload == [2])
        #expect(subscriber.isConnected && publisher.isConnected)
        await subscriber.disconnect()
        await publisher.disconnect()
    }

    @Test func willIsPublishedWhenAClientVanishesButNotOnCleanDisconnect() async throws {
        let broker = try MosquittoBroker()
        let observer = try await connectedClient(port: broker.port)
        try await observer.subscribe([Subscription("fleet/+/status")])

        func device(_ name: String) async throws -> MQTTClient {
            var configuration = localClientConfiguration(port: broker.port, clientID: name)
            // The broker notices a vanished client by its closed socket or, at the latest, after 1.5 × keepalive.
            configuration.keepAliveSeconds = 5
            configuration.will = MQTTMessage(
                topic: "fleet/\(name)/status",
                payload: Array("offline".utf8),
                retain: true
            )
            let client = try MQTTClient(configuration)
            try await client.connect()
            return client
        }
        // Dropped without DISCONNECT when this frame ends: the socket closes and the broker publishes the will.
        func connectAndVanish() async throws { _ = try await device("vanishing") }
        try await connectAndVanish()
        let clean = try await device("clean")
        await clean.disconnect()

        let received = await collectMessages(1, from: observer, within: .seconds(10))
        #expect(received.map(\.topic) == ["fleet/vanishing/status"])
        #expect(received.first?.payload == Array("offline".utf8))
        #expect(await collectMessages(1, from: observer, within: .seconds(1)).isEmpty)
        await observer.disconnect()
    }

    @Test func connectionEventsReportLossAndRecovery() async throws {
        let broker = try MosquittoBroker()
        let client = try await connectedClient(port: broker.port)
        var events = client.connectionEvents.makeAsyncIterator()
        #expect(await events.next() == .connected(sessionPresent: false))
        broker.stop()
        guard case .disconnected = await events.next() else {
            Issue.record("expected a disconnect event")
            return
        }
        try broker.start()
        #expect(await events.next() == .connected(sessionPresent: false))
        await client.disconnect()
    }
}
