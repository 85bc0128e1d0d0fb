import DaemonSupport
import Logging
import MQTTTransport
import ServiceLifecycle
import WireProtocol

/// The edge daemon (`edge run`): connects to the broker with its offline status as the will, announces itself
/// online (again after every reconnect and on each heartbeat), listens for desired state and commands, and at
/// SIGTERM publishes offline and disconnects cleanly.
public struct EdgeDaemon: Service {
    /// The version reported in the status.
    public static let runtimeVersion = "0.1.0"

    let settings: EdgeSettings
    let store: EdgeStateStore
    let logger: Logger
    let startedAt = ContinuousClock.now

    /// Creates the daemon; nothing happens until `run()`.
    public init(settings: EdgeSettings, store: EdgeStateStore, logger: Logger) {
        self.settings = settings
        self.store = store
        self.logger = logger
    }

    public func run() async throws {
        let presence = Presence(topic: settings.topics.topic(.status, for: settings.device)) { online in
            try status(online: online).encode()
        }
        var configuration = settings.mqtt
        configuration.will = try presence.will()
        let client = try MQTTClient(configuration)
        do {
            try await cancelWhenGracefulShutdown { try await client.connectRetrying(logger: logger) }
        } catch is CancellationError {
            // Stopped before the broker was ever reached: nothing was announced, so a shutdown is a clean exit.
            logger.info("edge stopped before connecting")
            return
        }
        // Subscribe before saying online: a hub may send a command as soon as it sees the device online.
        try await client.subscribe([
            Subscription(settings.topics.topic(.desired, for: settings.device)),
            Subscription(settings.topics.topic(.command, for: settings.device)),
        ])
        await presence.announce(online: true, on: client, logger: logger)
        logger.info("edge running", metadata: ["device": "\(settings.device.rawValue)"])

        await withDiscardingTaskGroup { group in
            group.addTask { await heartbeat(presence, client) }
            group.addTask { await reannounceAfterReconnect(presence, client) }
            group.addTask { await handleMessages(from: client) }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        logger.info("edge shutting down")
        await presence.announce(online: false, on: client, logger: logger)
        await client.disconnect()
    }

    func status(online: Bool) throws -> DeviceStatus {
        try DeviceStatus(
            device: settings.device,
            seq: store.nextSequence(),
            ts: unixMilliseconds(),
            state: online ? .online : .offline,
            runtimeVersion: Self.runtimeVersion,
            uptimeSeconds: online ? UInt64((ContinuousClock.now - startedAt).components.seconds) : nil
        )
    }

    private func heartbeat(_ presence: Presence, _ client: MQTTClient) async {
        while (try? await Task.sleep(for: settings.heartbeat)) != nil {
            if client.isConnected { await presence.announce(online: true, on: client, logger: logger) }
        }
    }

    /// The broker may have published our will while we were away: say online again on every reconnect.
    private func reannounceAfterReconnect(_ presence: Presence, _ client: MQTTClient) async {
        var first = true
        for await event in client.connectionEvents {
            guard case .connected = event else { continue }
            if first {
                first = false
                continue
            }
            await presence.announce(online: true, on: client, logger: logger)
        }
    }
}
