import MQTTTransport

/// Takes messages from a client until `count` have arrived or `timeout` passes, and returns what arrived
/// (possibly fewer on timeout, possibly more when the last batch overshoots).
public func collectMessages(
    _ count: Int,
    from client: MQTTClient,
    within timeout: Duration = .seconds(10)
) async -> [MQTTMessage] {
    await withTaskGroup(of: [MQTTMessage]?.self) { group in
        group.addTask {
            var received: [MQTTMessage] = []
            for await batch in client.messages {
                received += batch
                if received.count >= count { break }
            }
            return received
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        var received: [MQTTMessage] = []
        for await result in group {
            if let result {
                received = result
                group.cancelAll()
            } else {
                group.cancelAll()
            }
        }
        return received
    }
}

/// A client configuration for the local test broker, with a unique client id.
public func localClientConfiguration(
    port: Int,
    clientID: String = "test-\(UInt32.random(in: 0...UInt32.max))"
)
    -> MQTTConfiguration
{
    MQTTConfiguration(port: port, clientID: clientID, connectTimeout: .seconds(5))
}

/// A connected client for the local test broker.
public func connectedClient(port: Int, clientID: String? = nil) async throws -> MQTTClient {
    var configuration = localClientConfiguration(port: port)
    if let clientID { configuration.clientID = clientID }
    let client = try MQTTClient(configuration)
    try await client.connect()
    return client
}
