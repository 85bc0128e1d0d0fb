import MQTTTransport
import TestSupport
import Testing

@Suite("MQTT client rejects bad requests with typed errors")
struct BadInputTests {
    @Test(arguments: ["a/+/b", "a/#", "", "bad\u{0}topic", String(repeating: "x", count: 70_000)])
    func publishToInvalidTopicIsRejected(topic: String) async throws {
        let broker = try MosquittoBroker()
        let client = try await connectedClient(port: broker.port)
        await #expect(throws: MQTTError.self) { try await client.publish(MQTTMessage(topic: topic, payload: [1])) }
        await client.disconnect()
    }

    @Test(arguments: ["a/#/b", "a+/b", "", "bad\u{0}filter"])
    func subscribeToInvalidFilterIsRejected(filter: String) async throws {
        let broker = try MosquittoBroker()
        let client = try await connectedClient(port: broker.port)
        let error = await #expect(throws: MQTTError.self) { try await client.subscribe([Subscription(filter)]) }
        #expect(error?.code == .invalidRequest)
        await client.disconnect()
    }

    @Test func connectingToAClosedPortFails() async throws {
        let port = try MosquittoBroker.freePort()
        let client = try MQTTClient(localClientConfiguration(port: port))
        let error = await #expect(throws: MQTTError.self) { try await client.connect() }
        #expect(error?.code == .connectFailed)
    }

    @Test func publishAfterDisconnectFailsAsClosed() async throws {
        let broker = try MosquittoBroker()
        let client = try await connectedClient(port: broker.port)
        await client.disconnect()
        let error = await #expect(throws: MQTTError.self) {
            try await client.publish(MQTTMessage(topic: "t", payload: []))
        }
        #expect(error?.code == .closed)
    }

    @Test func unreadableTLSFileIsRejectedAtCreation() throws {
        var configuration = localClientConfiguration(port: 1)
        configuration.tls = .init(caFile: "/nonexistent/ca.pem")
        #expect(throws: MQTTError.self) { try MQTTClient(configuration) }
    }
}
