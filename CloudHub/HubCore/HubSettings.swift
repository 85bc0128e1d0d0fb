import ConfigLoading
import DaemonSupport
import Logging
import MQTTTransport
import WireProtocol

/// Everything `hub serve` is configured with. Keys (file `hub.yaml`, environment `HUB_…`, flags `--set key=value`):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `hub.id` | `hub-1` | this hub replica's id (its status topic and MQTT client id) |
/// | `storage.path` | `./run/hub.sqlite` | the hub's SQLite database |
/// | `keys.dir` | `./run/keys` | the update-signing key pair (`hub keys init`) |
/// | `fleet.topic_prefix` | `fleet` | prefix of the fleet topics |
/// | `mqtt.shared_group` | none | subscribe through `$share/{group}/…` so replicas split the load |
/// | `status.heartbeat` | `30s` | how often the hub's retained online status is refreshed |
/// | `rollout.interval` | `1s` | how often the running rollout (and federated run) reads outcomes and health and moves on |
/// | `log.level` | `info` | swift-log level |
/// | `drift.*` | see ``DriftSettings`` | drift monitoring |
/// | `mqtt.*` | see `MQTTConfiguration.read` | broker connection |
public struct HubSettings: Sendable {
    /// This replica's id.
    public var hubID: DeviceID
    /// Path of the SQLite database.
    public var storagePath: String
    /// Directory of the update-signing key pair.
    public var keysDirectory: String
    /// Fleet topic names.
    public var topics: Topics
    /// Shared-subscription group, if replicas share the load.
    public var sharedGroup: String?
    /// Interval of the status heartbeat.
    public var heartbeat: Duration
    /// Interval of the rollout's rounds.
    public var rolloutInterval: Duration
    /// Log level.
    public var logLevel: Logger.Level
    /// Broker connection; the will is filled in by the daemon.
    public var mqtt: MQTTConfiguration
    /// Drift monitoring.
    public var drift = DriftSettings()

    /// The retained status topic of this replica: `{prefix}/hubs/{hub.id}/status`, outside the device namespace.
    public var statusTopic: String { "\(topics.prefix)/hubs/\(hubID.rawValue)/status" }

    /// Reads and validates every key, then rejects keys it does not know.
    /// - Throws: `ConfigError` naming the first bad, missing or unknown key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> HubSettings {
        let hubID = try config.identifier("hub.id", default: "hub-1")
        let storagePath = try config.string("storage.path", default: "./run/hub.sqlite")
        let keysDirectory = try config.string("keys.dir", default: "./run/keys")
        let topics = try config.fleetTopics()
        let sharedGroup = try config.optionalIdentifier("mqtt.shared_group")?.rawValue
        let heartbeat = try config.statusHeartbeat()
        let rolloutInterval = try config.duration(
            "rollout.interval",
            default: .seconds(1),
            range: .milliseconds(50)...(.seconds(3_600))
        )
        let logLevel = try LogSettings.level(from: &config)
        let drift = try DriftSettings.read(from: &config)
        let mqtt = try MQTTConfiguration.read(
            from: &config,
            clientID: hubID.rawValue,
            logger: Logger(label: "hub.mqtt")
        )
        try config.finish()
        var settings = HubSettings(
            hubID: hubID,
            storagePath: storagePath,
            keysDirectory: keysDirectory,
            topics: topics,
            sharedGroup: sharedGroup,
            heartbeat: heartbeat,
            rolloutInterval: rolloutInterval,
            logLevel: logLevel,
            mqtt: mqtt
        )
        settings.drift = drift
        return settings
    }
}
