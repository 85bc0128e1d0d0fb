import ConfigLoading
import EdgeCore
import FirmwareSimulator
import Foundation
import HubCore
import Logging
import MQTTTransport
import SensorDataset
import SignalFeatures
import ServiceLifecycle
import TestSupport
import WireProtocol

/// A logger that drops everything.
let quietLogger = Logger(label: "federated-tests") { _ in SwiftLogNoOpLogHandler() }

/// A service running in its own group, so that a test can stop it alone (a device that disappears).
struct RunningService: Sendable {
    let group: ServiceGroup

    init(_ service: some Service) {
        group = ServiceGroup(
            configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [], logger: quietLogger)
        )
    }

    /// Stops the service gracefully (an edge publishes its offline status).
    func stop() async { await group.triggerGracefulShutdown() }
}

/// Settings of a fresh edge on `port` with its state in `directory`; `flags` come last and so win.
func edgeSettings(device: String, port: Int, directory: String, flags: [String] = []) throws -> EdgeSettings {
    var reader = ConfigReader(
        file: try ConfigSource(yaml: "device:\n  id: \(device)\nlog:\n  level: error\n", name: "edge.yaml"),
        environment: ConfigEnvironment(prefix: "EDGE", variables: [:]),
        flags: try ConfigFlags(
            [
                "mqtt.host=127.0.0.1", "mqtt.port=\(port)", "state.dir=\(directory)", "status.heartbeat=1s",
                "mqtt.reconnect_max_delay=1s", "fl.chunk_timeout=500ms",
            ] + flags
        )
    )
    return try EdgeSettings.read(from: &reader)
}

/// Settings of a hub on `port` with its database at `path`, ticking its runners every 100 ms.
func hubSettings(port: Int, path: String, keys: String) throws -> HubSettings {
    var reader = ConfigReader(
        file: try ConfigSource(yaml: "hub:\n  id: hub-fl\nlog:\n  level: error\n", name: "hub.yaml"),
        environment: ConfigEnvironment(prefix: "HUB", variables: [:]),
        flags: try ConfigFlags(
            [
                "mqtt.port=\(port)", "storage.path=\(path)", "keys.dir=\(keys)", "status.heartbeat=1s",
                "rollout.interval=100ms",
            ]
        )
    )
    return try HubSettings.read(from: &reader)
}

/// A firmware-sim export: five groups of four simulated machines, each group in one state for the whole run, so
/// every class has the same number of 256-sample windows at 1 kHz.
func exportedWindows(seconds: Double, into directory: TemporaryDirectory) throws -> [LabelledWindow] {
    let states = ["normal", "imbalance", "misalignment", "bearing_outer", "bearing_inner"]
    let groups = states.enumerated().map { "  - {name: g\($0), count: 4, schedule: [{at: 0, state: \($1)}]}" }
    let scenario = try Scenario(
        yaml: "rates: {vibration: 1000}\ngroups:\n" + groups.joined(separator: "\n") + "\n",
        source: "inline"
    )
    let settings = try scenario.settings(frameSeconds: 0.256, duration: seconds, seed: 7)
    let path = directory.file("fleet.efds")
    _ = try DatasetExport.export(scenario: scenario, settings: settings, startTimestamp: 1_700_000_000_000, to: path)
    return try DatasetReader.readAll(path: path)
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
func eventually(within timeout: Duration, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}

/// What every fleet test starts from: a temporary directory, a running broker, a firmware-sim export imported as a
/// snapshot into a hub store, and the hub's settings. Stop the broker and remove the directory with ``close()``.
struct FleetFixture {
    let directory: TemporaryDirectory
    let broker: MosquittoBroker
    let windows: [LabelledWindow]
    let hub: HubSettings
    let store: HubStore
    let snapshot: DatasetSnapshot

    init(seconds: Double) throws {
        directory = try TemporaryDirectory(prefix: "fl-fleet")
        broker = try MosquittoBroker()
        try broker.start()
        windows = try exportedWindows(seconds: seconds, into: directory)
        hub = try hubSettings(port: broker.port, path: directory.file("hub.sqlite"), keys: directory.file("keys"))
        store = try HubStore(path: hub.storagePath)
        snapshot = try store.importDataset(windows, source: "firmware-sim export", now: 1)
    }

    /// Trains `bearing`@1 with `config` and registers it with its float weights.
    func registerBase(_ config: TrainingConfig) throws -> TrainedModel {
        let base = try WindowTraining.train(
            windows,
            datasetHash: snapshot.hash,
            name: "bearing",
            version: 1,
            config: config
        )
        try store.register(trained: base, actor: "test", now: 2, signer: nil)
        return base
    }

    /// An edge on the broker whose store holds `samples` under `pipeline`.
    func edge(
        _ device: String,
        samples: [LabelledSample],
        pipeline: FeaturePipelineConfig,
        flags: [String] = []
    ) throws -> EdgeSettings {
        let settings = try edgeSettings(
            device: device,
            port: broker.port,
            directory: directory.file(device),
            flags: flags
        )
        let edgeStore = try EdgeStateStore(directory: settings.stateDirectory)
        for sample in samples {
            try edgeStore.recordSample(sample, pipeline: PipelineFingerprint(pipeline), capacity: 2_000)
        }
        return settings
    }

    func close() {
        broker.stop()
        directory.remove()
    }
}

extension RunningService {
    /// An edge daemon on `settings`.
    static func edge(_ settings: EdgeSettings) throws -> RunningService {
        RunningService(
            try EdgeDaemon(
                settings: settings,
                store: try EdgeStateStore(directory: settings.stateDirectory),
                logger: quietLogger
            )
        )
    }
}

/// Waits until the retained status on `topic` says online: the daemon then has subscribed to its topics (it announces
/// itself only after subscribing). Returns whether that happened within 30 s.
func awaitOnline(_ topic: String, port: Int) async throws -> Bool {
    let client = try await connectedClient(port: port)
    _ = try await client.subscribe([Subscription(topic)])
    let statuses = await collectMessages(1, from: client, within: .seconds(30))
    await client.disconnect()
    return statuses.contains { (try? DeviceStatus.decode($0.payload))?.state == .online }
}
