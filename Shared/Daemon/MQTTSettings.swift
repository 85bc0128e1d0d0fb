import ConfigLoading
import Logging
import MQTTTransport

extension MQTTConfiguration {
    /// Reads the `mqtt.*` keys every daemon shares:
    ///
    /// | key | default | meaning |
    /// |---|---|---|
    /// | `mqtt.host` | `127.0.0.1` | broker host |
    /// | `mqtt.port` | `1883` | broker port |
    /// | `mqtt.client_id` | the daemon's id | MQTT client id |
    /// | `mqtt.username`, `mqtt.password` | none | credentials |
    /// | `mqtt.keepalive` | `30s` | keepalive (5 s to 18 h) |
    /// | `mqtt.reconnect_max_delay` | `30s` | cap of the reconnect backoff |
    /// | `mqtt.max_in_flight` | `1024` | publishes outstanding before publishing waits |
    /// | `mqtt.tls.ca_file`, `mqtt.tls.cert_file`, `mqtt.tls.key_file` | none | TLS (on when `ca_file` is set) |
    ///
    /// - Throws: `ConfigError` naming the key for a bad value.
    public static func read(
        from config: inout ConfigReader,
        clientID: String,
        logger: Logger
    ) throws(ConfigError) -> MQTTConfiguration {
        var configuration = MQTTConfiguration(clientID: clientID, logger: logger)
        configuration.host = try config.string("mqtt.host", default: configuration.host)
        configuration.port = try config.int("mqtt.port", default: configuration.port, range: 1...65_535)
        configuration.clientID = try config.string("mqtt.client_id", default: clientID)
        configuration.username = try config.optionalString("mqtt.username")
        configuration.password = try config.optionalString("mqtt.password")
        let keepAlive = try config.duration(
            "mqtt.keepalive",
            default: .seconds(30),
            range: .seconds(5)...(.seconds(65_535))
        )
        configuration.keepAliveSeconds = Int32(keepAlive.components.seconds)
        let maxDelay = try config.duration(
            "mqtt.reconnect_max_delay",
            default: .seconds(30),
            range: .seconds(1)...(.seconds(3_600))
        )
        configuration.reconnectMaxDelaySeconds = UInt32(maxDelay.components.seconds)
        configuration.maxInFlight = try config.int(
            "mqtt.max_in_flight",
            default: configuration.maxInFlight,
            range: 1...65_535
        )
        if let caFile = try config.optionalString("mqtt.tls.ca_file") {
            configuration.tls = .init(
                caFile: caFile,
                certificateFile: try config.optionalString("mqtt.tls.cert_file"),
                keyFile: try config.optionalString("mqtt.tls.key_file")
            )
        } else {
            // Read anyway so that a certificate without a CA is reported rather than ignored.
            let certificate = try config.optionalString("mqtt.tls.cert_file")
            let key = try config.optionalString("mqtt.tls.key_file")
            if certificate != nil || key != nil {
                throw ConfigError(
                    code: .missingKey,
                    key: "mqtt.tls.ca_file",
                    origin: nil,
                    message: "mqtt.tls.ca_file: required when a TLS client certificate is configured"
                )
            }
        }
        return configuration
    }
}
