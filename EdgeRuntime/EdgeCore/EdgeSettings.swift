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
/// | `log.level` | `info` | swift-log level |
/// | `mqtt.*` | see `MQTTConfiguration.read` | broker connection |
/// | `features.*` | see ``SensorSettings`` | the sensor pipeline |
public struct EdgeSettings: Sendable {
    /// This device's id.
    public var device: DeviceID
    /// Directory of the edge's state database.
    public var stateDirectory: String
    /// Fleet topic names.
    public var topics: Topics
    /// Interval of the status heartbeat.
    public var heartbeat: Duration
    /// Log level.
    public var logLevel: Logger.Level
    /// Broker connection; the will is filled in by the daemon.
    public var mqtt: MQTTConfiguration
    /// The sensor pipeline.
    public var sensors: SensorSettings

    /// Reads and validates every key, then rejects keys it does not know.
    /// - Throws: `ConfigError` naming the first bad, missing or unknown key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> EdgeSettings {
        let device = try config.identifier("device.id")
        let stateDirectory = try config.string("state.dir", default: "./run/edge-\(device.rawValue)")
        let topics = try config.fleetTopics()
        let heartbeat = try config.statusHeartbeat()
        let logLevel = try LogSettings.level(from: &config)
        let mqtt = try MQTTConfiguration.read(
            from: &config,
            clientID: "edge-\(device.rawValue)",
            logger: Logger(label: "edge.mqtt")
        )
        let sensors = try SensorSettings.read(from: &config)
        try config.finish()
        return EdgeSettings(
            device: device,
            stateDirectory: stateDirectory,
            topics: topics,
            heartbeat: heartbeat,
            logLevel: logLevel,
            mqtt: mqtt,
            sensors: sensors
        )
    }
}
