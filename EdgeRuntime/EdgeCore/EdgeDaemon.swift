import DaemonSupport
import Logging
import MQTTTransport
import ServiceLifecycle
import SignalFeatures
import WireProtocol

/// The edge daemon (`edge run`): keeps its presence on the broker (see `BrokerSession`: the offline status is the
/// will, online is announced on connect, reconnect and heartbeat, offline at SIGTERM), listens for desired state
/// and commands, turns the frames on `sensors/{device}/+` into feature vectors (``sensors``), saving the pipeline's
/// counters to the state store every `features.counters_interval` and at shutdown, and sends its telemetry outbox.
public struct EdgeDaemon: Service {
    /// The version reported in the status.
    public static let runtimeVersion = "0.1.0"

    let settings: EdgeSettings
    let store: EdgeStateStore
    let logger: Logger
    let startedAt = ContinuousClock.now
    /// The store-and-forward telemetry path.
    public let outbox: TelemetryOutbox
    /// Latencies and errors, for the health telemetry.
    public let health = RuntimeHealth()
    /// The sensor pipeline; its `vectors` feed the inference stage, `replace(config:)` takes a new model's pipeline.
    public let sensors: SensorPipeline
    /// Runs the active model on the feature vectors.
    public let inference: InferenceStage
    /// Over-the-air model updates (desired state, chunks, A/B switch, health check, commit or rollback).
    public let updater: ModelUpdater
    /// What a new model must pass before it is committed.
    let healthCheck: UpdateHealthCheck
    /// Takes part in federated rounds: local training on the stored samples, updates on `fl/update`.
    public let federated: FederatedClient

    /// Creates the daemon; nothing happens until `run()`. `selfTest` replaces the update health check's model
    /// self-test (default: ``ModelHealthCheck``: the artifact loads and a self-test inference runs within
    /// `update.max_latency`).
    /// - Throws: `FeatureError` `.invalidConfig` when the settings' pipeline does not validate.
    public init(
        settings: EdgeSettings,
        store: EdgeStateStore,
        logger: Logger,
        selfTest: (@Sendable (_ artifact: [UInt8]) throws -> Duration)? = nil
    ) throws(FeatureError) {
        self.settings = settings
        updater = ModelUpdater(settings: settings.update, logger: logger)
        let maxLatency = settings.update.maxLatency
        healthCheck = UpdateHealthCheck(
            maxLatency: maxLatency,
            selfTest: selfTest ?? { artifact in try ModelHealthCheck.run(artifact: artifact, latencyBound: maxLatency) }
        )
        self.store = store
        self.logger = logger
        outbox = TelemetryOutbox(
            store: store,
            limits: settings.outbox,
            device: settings.device,
            topic: settings.topics.topic(.telemetry, for: settings.device),
            logger: logger
        )
        federated = FederatedClient(
            settings: settings.federated,
            device: settings.device,
            store: store,
            samples: store,
            logger: logger
        )
        sensors = try SensorPipeline(settings: settings.sensors, logger: logger)
        inference = InferenceStage(
            store: store,
            sensors: sensors,
            outbox: outbox,
            health: health,
            featureTelemetry: settings.featureTelemetry,
            sampleCapacity: settings.sampleCapacity,
            driftInterval: settings.driftInterval,
            logger: logger
        )
    }

    public func run() async throws {
        // The will's seq names this run's session; every status of the run carries it (see `DeviceStatus.session`).
        let session = try store.nextSequence()
        let presence = Presence(
            topic: settings.topics.topic(.status, for: settings.device),
            willPayload: try status(online: false, seq: session, session: session).encode()
        ) { online in
            try status(online: online, seq: store.nextSequence(), session: session).encode()
        }
        let brokerSession = BrokerSession(
            configuration: settings.mqtt,
            presence: presence,
            heartbeat: settings.heartbeat,
            subscriptions: [
                Subscription(settings.topics.topic(.desired, for: settings.device)),
                Subscription(settings.topics.topic(.command, for: settings.device)),
                Subscription(settings.topics.topic(.artifactChunk, for: settings.device)),
                Subscription(settings.topics.topic(.telemetryAck, for: settings.device)),
                Subscription(settings.topics.flRound),
                // Every sensor of the device, so that a new model's pipeline may read another sensor; frames of
                // sensors the pipeline does not read are only counted.
                Subscription(settings.topics.sensorFilter(for: settings.device), qos: .atMostOnce),
            ],
            logger: logger
        )
        logger.info("edge starting", metadata: ["device": "\(settings.device.rawValue)"])
        defer { sensors.finish() }
        try await brokerSession.run { client in
            await withDiscardingTaskGroup { group in
                group.addTask { await outbox.send(on: client) }
                group.addTask { await inference.run() }
                group.addTask { await updater.run(executor: updateExecutor(client, presence)) }
                group.addTask { await federated.run(send: federatedSender(client)) }
                group.addTask {
                    await HealthReporter(
                        interval: settings.healthInterval,
                        health: health,
                        outbox: outbox,
                        logger: logger
                    ).run()
                }
                group.addTask {
                    while (try? await Task.sleep(for: settings.sensors.countersInterval)) != nil { saveCounters() }
                }
                await handleMessages(from: client)
                group.cancelAll()
            }
        }
        saveCounters()
    }

    /// Saves the sensor counters for `edge status`; a failure is logged, never fatal.
    func saveCounters() {
        do {
            try store.saveCounters(sensors.counters.named)
        } catch {
            logger.error("could not save sensor counters", metadata: ["error": "\(error)"])
        }
    }

    func status(online: Bool, seq: UInt64, session: UInt64) throws -> DeviceStatus {
        let active = try store.modelSlots().active
        return try DeviceStatus(
            device: settings.device,
            seq: seq,
            ts: unixMilliseconds(),
            state: online ? .online : .offline,
            runtimeVersion: Self.runtimeVersion,
            activeModel: try active.map { try ModelReference(name: $0.name, version: $0.version) },
            activeSlot: active.map { $0.slot == .a ? .a : .b },
            uptimeSeconds: online ? UInt64((ContinuousClock.now - startedAt).components.seconds) : nil,
            session: session
        )
    }
}
