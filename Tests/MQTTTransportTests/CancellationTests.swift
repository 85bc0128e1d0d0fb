import MQTTTransport
import TestSupport
import Testing

@Suite("Waiting publishes end when their task is cancelled")
struct CancellationTests {
    @Test func publishWaitingThroughAnOutageStopsWaitingOnCancellation() async throws {
        let broker = try MosquittoBroker()
        let client = try await connectedClient(port: broker.port)
        broker.kill()
        let waiting = Task {
            try await client.publish(MQTTMessage(topic: "outage/t", payload: [1]))
        }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        let result = await waiting.result
        guard case .failure(let error) = result else {
            Issue.record("publish returned although the broker is down")
            return
        }
        #expect((error as? MQTTError)?.code == .cancelled)
        await client.disconnect()
    }

    @Test func enqueueWaitingForAWindowSlotStopsWaitingOnCancellation() async throws {
        let broker = try MosquittoBroker()
        var configuration = localClientConfiguration(port: broker.port)
        configuration.maxInFlight = 1
        let client = try MQTTClient(configuration)
        try await client.connect()
        broker.kill()
        // Holds the only slot: no PUBACK can come while the broker is down.
        try await client.enqueue(MQTTMessage(topic: "outage/first", payload: [1])) { _ in }
        let waiting = Task {
            try await client.enqueue(MQTTMessage(topic: "outage/second", payload: [2])) { _ in }
        }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        let result = await waiting.result
        if case .failure(let error) = result {
            #expect((error as? MQTTError)?.code == .cancelled)
        } else {
            Issue.record("enqueue returned although the window was full")
        }
        await client.disconnect()
    }
}
