import DaemonSupport
import Logging
import UpdateSigning
import MQTTTransport
import ServiceLifecycle
import Synchronization
import WireProtocol

/// The hub daemon (`hub serve`): keeps its own presence (see `BrokerSession`), subscribes to every device's status,
/// events and telemetry (through a shared subscription when replicas split the load) and stores each batch of messages in one
/// transaction.
/// Malformed payloads are counted and logged with their topic, never fatal.
public struct HubDaemon: Service {
    /// The version reported in the hub's status.
    public static let version = "0.1.0"

    let settings: HubSettings
    let store: HubStore
    let logger: Logger
    let startedAt = ContinuousClock.now
    /// Counters shared by the daemon's tasks.
    public let counters = HubCounters()
    /// Drift monitoring of the ingested feature telemetry.
    let drift: DriftMonitor

    /// Creates the daemon; nothing happens until `run()`.
    public init(settings: HubSettings, store: HubStore, logger: Logger) {
        self.settings = settings
        self.store = store
        self.logger = logger
        drift = DriftMonitor(
            store: store,
            settings: settings.drift,
            logger: logger,
            signer: try? SigningKeyPair.load(from: settings.keysDirectory)
        )
    }

    public func run() async throws {
        let filters = [.status, .events, .telemetry, .artifactGet, .flUpdate].map { settings.topics.filter($0) }.map {
            filter in
            settings.sharedGroup.map { "$share/\($0)/\(filter)" } ?? filter
        }
        let session = counters.nextStatusSequence()
        let brokerSession = BrokerSession(
            configuration: settings.mqtt,
            presence: Presence(
                topic: settings.statusTopic,
                willPayload: try status(online: false, seq: session, session: session).encode()
            ) { online in
                try status(online: online, seq: counters.nextStatusSequence(), session: session).encode()
            },
            heartbeat: settings.heartbeat,
            subscriptions: filters.map { Subscription($0) },
            logger: logger
        )
        logger.info("hub starting", metadata: ["hub.id": "\(settings.hubID.rawValue)", "mqtt.filters": "\(filters)"])
        try await brokerSession.run { client in
            await withDiscardingTaskGroup { group in
                group.addTask { await publishDesiredStates(on: client) }
                group.addTask {
                    await RolloutRunner(
                        store: store,
                        topics: settings.topics,
                        interval: settings.rolloutInterval,
                        logger: logger
                    ).run(on: client)
                }
                group.addTask {
                    await FederatedRunner(
                        store: store,
                        topics: settings.topics,
                        interval: settings.rolloutInterval,
                        keysDirectory: settings.keysDirectory,
                        logger: logger
                    ).run(on: client)
                }
                group.addTask {
                    await drift.run(
                        on: client,
                        topic: "\(settings.topics.prefix)/hubs/\(settings.hubID.rawValue)/drift"
                    )
                }
                await ingest(from: client)
                group.cancelAll()
            }
        }
    }

    private func status(online: Bool, seq: UInt64, session: UInt64) throws -> DeviceStatus {
        try DeviceStatus(
            device: settings.hubID,
            seq: seq,
            ts: unixMilliseconds(),
            state: online ? .online : .offline,
            runtimeVersion: Self.version,
            uptimeSeconds: online ? UInt64((ContinuousClock.now - startedAt).components.seconds) : nil,
            session: session
        )
    }

    /// Decodes each batch and stores it in one transaction.
    private func ingest(from client: MQTTClient) async {
        for await batch in client.messages {
            var statuses: [DeviceStatus] = []
            var events: [DeviceEvent] = []
            var telemetry: [TelemetryBatch] = []
            var requests: [ArtifactRequest] = []
            var updates: [FederatedUpdate] = []
            for message in batch {
                do {
                    switch settings.topics.parse(message.topic) {
                    case .device(let device, .status):
                        statuses.append(try Self.checked(DeviceStatus.decode(message.payload), from: device, \.device))
                    case .device(let device, .events):
                        events.append(try Self.checked(DeviceEvent.decode(message.payload), from: device, \.device))
                    case .device(let device, .telemetry):
                        telemetry.append(
                            try Self.checked(TelemetryBatch.decode(message.payload), from: device, \.device)
                        )
                    case .device(let device, .flUpdate):
                        updates.append(
                            try Self.checked(FederatedUpdate.decode(message.payload), from: device, \.device)
                        )
                    case .device(let device, .artifactGet):
                        requests.append(
                            try Self.checked(ArtifactRequest.decode(message.payload), from: device, \.device)
                        )
                    default:
                        throw WireError(.invalidField, "topic \(message.topic) is not one the hub ingests")
                    }
                } catch {
                    // An empty retained payload clears a retained status; nothing to store.
                    if message.payload.isEmpty && message.retain { continue }
                    counters.rejected.add(1, ordering: .relaxed)
                    logger.error("rejected message", metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
                }
            }
            do {
                let counts = try store.record(
                    statuses: statuses,
                    events: events,
                    telemetry: telemetry,
                    receivedAt: unixMilliseconds()
                )
                counters.telemetryStored.add(counts.telemetryStored, ordering: .relaxed)
                counters.telemetryDuplicates.add(counts.telemetryDuplicates, ordering: .relaxed)
                let accepted = try store.acceptedFederatedUpdates(updates)
                if accepted.count < updates.count {
                    counters.rejected.add(updates.count - accepted.count, ordering: .relaxed)
                    logger.warning(
                        "federated updates not for the round being collected",
                        metadata: ["fl.updates": "\(updates.count - accepted.count)"]
                    )
                }
                try store.recordFederatedUpdates(accepted, receivedAt: unixMilliseconds())
                await confirm(telemetry, on: client)
                drift.ingest(telemetry)
            } catch {
                logger.critical(
                    "could not store a batch",
                    metadata: ["error": "\(error)", "batch.size": "\(batch.count)"]
                )
            }
            for request in requests { await serve(request, on: client) }
        }
    }

    /// Tells each device up to which seq its telemetry is committed (new or repeated records alike), so its outbox
    /// may delete them. Sent after the transaction, never before: a hub killed in between confirms nothing and the
    /// device sends again. A lost confirmation costs a resend, which the store deduplicates.
    private func confirm(_ telemetry: [TelemetryBatch], on client: MQTTClient) async {
        let highest = telemetry.reduce(into: [DeviceID: UInt64]()) { highest, batch in
            highest[batch.device] = max(highest[batch.device] ?? 0, batch.records.last?.seq ?? 0)
        }
        for (device, seq) in highest {
            let ack = TelemetryAck(device: device, seq: seq)
            let message = MQTTMessage(topic: settings.topics.topic(.telemetryAck, for: device), payload: ack.encode())
            do {
                try await client.enqueue(message) { _ in }
            } catch {
                logger.warning(
                    "could not confirm telemetry",
                    metadata: ["device": "\(device.rawValue)", "error": "\(error)"]
                )
            }
        }
    }

    /// A device may only speak for itself: the id in the payload must be the one in the topic.
    private static func checked<Message>(
        _ message: Message,
        from device: DeviceID,
        _ id: KeyPath<Message, DeviceID>
    ) throws(WireError) -> Message {
        guard message[keyPath: id] == device else {
            throw WireError(
                .invalidField,
                "payload device \(message[keyPath: id].rawValue) sent on topic of \(device.rawValue)"
            )
        }
        return message
    }
}
