import ConfigLoading
import DaemonSupport
import Logging
import MQTTTransport
import WireProtocol

/// Everything `edge run` is configured with. Keys (file `edge.yaml`, environment `EDGE_…`, flags `--set key=value`):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `device.id` | required | this device's id, `[A-Za-z0-9._-]{1,64}` |
/// | `state.dir` | `./run/edge-{device.id}` | where the edge keeps its SQLite state |
/// | `fleet.topic_prefix` | `fleet` | prefix of the fleet topics |
/// | `status.heartbeat` | `30s` | how often the retained online status is refreshed |
/// | `outbox.max_records` | `1000000` | telemetry records kept while they cannot be sent |
/// | `outbox.max_age` | `168h` | unsent telemetry older than this is deleted |
/// | `outbox.overflow` | `drop_oldest` | when full: `drop_oldest` or `reject_newest` |
/// | `outbox.ack_timeout` | `10s` | a batch the hub has not confirmed by then is sent again |
/// | `telemetry.features` | `none` | `raw`: every feature vector is sent too; `labelled`: every vector with a known true label, with it (training data) |
/// | `samples.capacity` | `2000` | labelled vectors kept on the device per pipeline for local training (0: none) |
/// | `telemetry.health_interval` | `60s` | how often a health record (CPU, memory, latency, errors) is sent |
/// | `drift.interval` | `60s` | reporting interval of the drift summaries (telemetry kind 6) |
/// | `log.level` | `info` | swift-log level |
/// | `mqtt.*` | see `MQTTConfiguration.read` | broker connection |
/// | `features.*` | see ``SensorSettings`` | the sensor pipeline |
/// | `update.*` | see ``UpdateSettings`` | over-the-air model updates |
/// | `fl.*` | see ``FederatedSettings`` | federated rounds |
public struct EdgeSettings: Sendable {
    /// This device's id.
    public var device: DeviceID
    /// Directory of the edge's state database.
    public var stateDirectory: String
    /// Fleet topic names.
    public var topics: Topics
    /// Interval of the status heartbeat.
    public var heartbeat: Duration
    /// Bounds of the telemetry outbox.
    public var outbox: OutboxLimits
    /// Which feature vectors go into the telemetry as well (`telemetry.features`).
    public var featureTelemetry: FeatureTelemetry
    /// Labelled vectors kept per pipeline for local training (`samples.capacity`).
    public var sampleCapacity: Int
    /// Interval of the health telemetry.
    public var healthInterval: Duration
    /// Reporting interval of the drift summaries.
    public var driftInterval: Duration = .seconds(60)
    /// Log level.
    public var logLevel: Logger.Level
    /// Broker connection; the will is filled in by the daemon.
    public var mqtt: MQTTConfiguration
    /// The sensor pipeline.
    public var sensors: SensorSettings
    /// Over-the-air model updates.
    public var update: UpdateSettings
    /// Federated rounds.
    public var federated: FederatedSettings

    /// Reads and validates every key, then rejects keys it does not know.
    /// - Throws: `ConfigError` naming the first bad, missing or unknown key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> EdgeSettings {
        let device = try config.identifier("device.id")
        let stateDirectory = try config.string("state.dir", default: "./run/edge-\(device.rawValue)")
        let topics = try config.fleetTopics()
        let heartbeat = try config.statusHeartbeat()
        let outbox = OutboxLimits(
            maxRecords: try config.int("outbox.max_records", default: 1_000_000, range: 1...100_000_000),
            maxAge: try config.duration(
                "outbox.max_age",
                default: .seconds(7 * 24 * 3_600),
                range: .seconds(1)...(.seconds(365 * 86_400))
            ),
            overflow: try config.choice("outbox.overflow", default: OutboxLimits.Overflow.dropOldest),
            ackTimeout: try config.duration(
                "outbox.ack_timeout",
                default: .seconds(10),
                range: .milliseconds(100)...(.seconds(3_600))
            )
        )
        let featureTelemetry = try config.choice("telemetry.features", default: FeatureTelemetry.none)
        let sampleCapacity = try config.int("samples.capacity", default: 2_000, range: 0...1_000_000)
        let healthInterval = try config.duration(
            "telemetry.health_interval",
            default: .seconds(60),
            range: .seconds(1)...(.seconds(86_400))
        )
        let driftInterval = try config.duration(
            "drift.interval",
            default: .seconds(60),
            range: .seconds(1)...(.seconds(86_400))
        )
        let logLevel = try LogSettings.level(from: &config)
        let mqtt = try MQTTConfiguration.read(
            from: &config,
            clientID: "edge-\(device.rawValue)",
            logger: Logger(label: "edge.mqtt")
        )
        let sensors = try SensorSettings.read(from: &config)
        let update = try UpdateSettings.read(from: &config)
        let federated = try FederatedSettings.read(from: &config)
        try config.finish()
        var settings = EdgeSettings(
            device: device,
            stateDirectory: stateDirectory,
            topics: topics,
            heartbeat: heartbeat,
            outbox: outbox,
            featureTelemetry: featureTelemetry,
            sampleCapacity: sampleCapacity,
            healthInterval: healthInterval,
            logLevel: logLevel,
            mqtt: mqtt,
            sensors: sensors,
            update: update,
            federated: federated
        )
        settings.driftInterval = driftInterval
        return settings
    }
}

/// Which feature vectors the edge sends in its telemetry besides its predictions.
public enum FeatureTelemetry: String, Sendable, CaseIterable {
    /// None: only predictions and health (the default; raw data stays on the device).
    case none
    /// Every vector, unlabelled (`featureSummary` records).
    case raw
    /// Every vector whose true label is known, with the label (`labelledFeatures` records): training data for the hub.
    case labelled
}
