import Logging
import MQTTTransport
import ServiceLifecycle

/// A daemon's life on the broker, the same for the edge and the hub: connect (retrying until the broker is there)
/// with the offline status as the will, subscribe, announce online, keep announcing on every reconnect (the broker
/// may have published the will meanwhile) and heartbeat, run the daemon's own work, and at graceful shutdown
/// announce offline and disconnect cleanly.
public struct BrokerSession: Sendable {
    /// Broker connection; the will is set from `presence`.
    public var configuration: MQTTConfiguration
    /// The retained status this process maintains.
    public var presence: Presence
    /// Interval of the status heartbeat.
    public var heartbeat: Duration
    /// Filters subscribed before the work starts.
    public var subscriptions: [Subscription]
    /// Where the session logs.
    public var logger: Logger

    /// Creates a session; nothing happens until `run`.
    public init(
        configuration: MQTTConfiguration,
        presence: Presence,
        heartbeat: Duration,
        subscriptions: [Subscription],
        logger: Logger
    ) {
        self.configuration = configuration
        self.presence = presence
        self.heartbeat = heartbeat
        self.subscriptions = subscriptions
        self.logger = logger
    }

    /// Runs until graceful shutdown. `work` gets the connected client and must return when its task is cancelled
    /// (iterating `client.messages` does).
    /// - Throws: `MQTTError` when the broker refuses the connection or a subscription. A shutdown before the first
    ///   connection returns normally.
    public func run(_ work: @escaping @Sendable (MQTTClient) async -> Void) async throws {
        var configuration = configuration
        configuration.will = presence.will
        let client = try MQTTClient(configuration)
        do {
            try await cancelWhenGracefulShutdown { try await client.connectRetrying(logger: logger) }
        } catch is CancellationError {
            // Stopped before the broker was ever reached: nothing was announced, so this is a clean exit.
            logger.info("stopped before connecting to the broker")
            return
        }
        // Subscribe before saying online: a peer may send a command as soon as it sees us online.
        try await client.subscribe(subscriptions)
        await presence.announce(online: true, on: client, logger: logger)

        await withDiscardingTaskGroup { group in
            group.addTask { await keepAnnouncing(on: client) }
            group.addTask { await work(client) }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        logger.info("shutting down")
        await presence.announce(online: false, on: client, logger: logger)
        await client.disconnect()
    }

    private func keepAnnouncing(on client: MQTTClient) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while (try? await Task.sleep(for: heartbeat)) != nil {
                    if client.isConnected { await presence.announce(online: true, on: client, logger: logger) }
                }
            }
            group.addTask {
                // The first event is the connect `run` already announced.
                for await event in client.connectionEvents.dropFirst() {
                    if case .connected = event { await presence.announce(online: true, on: client, logger: logger) }
                }
            }
        }
    }
}
