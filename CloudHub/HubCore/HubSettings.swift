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
/// | `fleet.topic_prefix` | `fleet` | prefix of the fleet topics |
/// | `mqtt.shared_group` | none | subscribe through `$share/{group}/…` so replicas split the load |
/// | `status.heartbeat` | `30s` | how often the hub's retained online status is refreshed |
/// | `log.level` | `info` | swift-log level |
/// | `mqtt.*` | see `MQTTConfiguration.read` | broker connection |
public struct HubSettings: Sendable {
    /// This replica's id.
    public var hubID: DeviceID
    /// Path of the SQLite database.
    public var storagePath: String
    /// Fleet topic names.
    public var topics: Topics
    /// Shared-subscription group, if replicas share the load.
    public var sharedGroup: String?
    /// Interval of the status heartbeat.
    public var heartbeat: Duration
    /// Log level.
    public var logLevel: Logger.Level
    /// Broker connection; the will is filled in by the daemon.
    public var mqtt: MQTTConfiguration

    /// The retained status topic of this replica: `{prefix}/hubs/{hub.id}/status`, outside the device namespace.
    public var statusTopic: String { "\(topics.prefix)/hubs/\(hubID.rawValue)/status" }

    /// Reads and validates every key, then rejects keys it does not know.
    /// - Throws: `ConfigError` naming the first bad, missing or unknown key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> HubSettings {
        let idText = try config.string("hub.id", default: "hub-1")
        guard let hubID = DeviceID(validating: idText) else {
            throw ConfigError(
                code: .badValue,
                key: "hub.id",
                origin: nil,
                message: "hub.id: \"\(idText)\" is not an id ([A-Za-z0-9._-], 1 to 64 characters)"
            )
        }
        let storagePath = try config.string("storage.path", default: "./run/hub.sqlite")
        let prefix = try config.string("fleet.topic_prefix", default: "fleet")
        let topics: Topics
        do {
            topics = try Topics(prefix: prefix)
        } catch {
            throw ConfigError(
                code: .badValue,
                key: "fleet.topic_prefix",
                origin: nil,
                message: "fleet.topic_prefix: \(error)"
            )
        }
        let sharedGroup = try config.optionalString("mqtt.shared_group")
        if let sharedGroup, DeviceID(validating: sharedGroup) == nil {
            throw ConfigError(
                code: .badValue,
                key: "mqtt.shared_group",
                origin: nil,
                message: "mqtt.shared_group: \"\(sharedGroup)\" must match [A-Za-z0-9._-]{1,64}"
            )
        }
        let heartbeat = try config.duration(
            "status.heartbeat",
            default: .seconds(30),
            range: .seconds(1)...(.seconds(86_400))
        )
        let logLevel = try LogSettings.level(from: &config)
        let mqtt = try MQTTConfiguration.read(
            from: &config,
            clientID: hubID.rawValue,
            logger: Logger(label: "hub.mqtt")
        )
        try config.finish()
        return HubSettings(
            hubID: hubID,
            storagePath: storagePath,
            topics: topics,
            sharedGroup: sharedGroup,
            heartbeat: heartbeat,
            logLevel: logLevel,
            mqtt: mqtt
        )
    }
}
