import ConfigLoading
import EdgeCore
import HubCore
import Testing

/// A config that a daemon must refuse, with the error it must give.
struct RefusedConfig: Sendable, CustomTestStringConvertible {
    let label: String
    let yaml: String
    var flags: [String] = []
    var environment: [String: String] = [:]
    let code: ConfigError.Code
    let key: String
    var mentions: String? = nil

    var testDescription: String { label }
}

@Suite("Daemon settings from YAML, environment and flags")
struct SettingsTests {
    @Test func edgeSettingsLayerFlagsOverEnvironmentOverYAML() throws {
        let settings = try readEdgeSettings(
            yaml: """
                device:
                  id: sensor-7
                mqtt:
                  host: broker.local
                  port: 1884
                status:
                  heartbeat: 10s
                """,
            flags: ["mqtt.port=2883"],
            environment: ["EDGE_STATUS_HEARTBEAT": "2s", "OTHER_VARIABLE": "ignored"]
        )
        #expect(settings.device.rawValue == "sensor-7")
        #expect(settings.mqtt.host == "broker.local")
        #expect(settings.mqtt.port == 2_883)
        #expect(settings.mqtt.clientID == "edge-sensor-7")
        #expect(settings.heartbeat == .seconds(2))
        #expect(settings.stateDirectory == "./run/edge-sensor-7")
        #expect(settings.topics.topic(.status, for: settings.device) == "fleet/sensor-7/status")
        #expect(settings.mqtt.tls == nil)
    }

    @Test func hubSettingsHaveDefaultsForEveryKey() throws {
        let settings = try readHubSettings(yaml: "")
        #expect(settings.hubID.rawValue == "hub-1")
        #expect(settings.storagePath == "./run/hub.sqlite")
        #expect(settings.statusTopic == "fleet/hubs/hub-1/status")
        #expect(settings.sharedGroup == nil)
        #expect(settings.mqtt.port == 1_883)
        #expect(settings.heartbeat == .seconds(30))
        #expect(settings.drift.baseline == .device && settings.drift.baselineIntervals == 5)
    }

    @Test(arguments: [
        RefusedConfig(label: "missing device.id", yaml: "mqtt:\n  port: 1883\n", code: .missingKey, key: "device.id"),
        RefusedConfig(label: "device id with a slash", yaml: "device:\n  id: a/b\n", code: .badValue, key: "device.id"),
        RefusedConfig(label: "empty device id", yaml: "device:\n  id: \"\"\n", code: .badValue, key: "device.id"),
        RefusedConfig(
            label: "port not a number",
            yaml: "device:\n  id: d1\nmqtt:\n  port: abc\n",
            code: .badValue,
            key: "mqtt.port"
        ),
        RefusedConfig(
            label: "port out of range from a flag",
            yaml: "device:\n  id: d1\n",
            flags: ["mqtt.port=70000"],
            code: .badValue,
            key: "mqtt.port"
        ),
        RefusedConfig(
            label: "unknown outbox overflow policy",
            yaml: "device:\n  id: d1\noutbox:\n  overflow: drop_newest\n",
            code: .badValue,
            key: "outbox.overflow",
            mentions: "drop_oldest"
        ),
        RefusedConfig(
            label: "outbox of no records",
            yaml: "device:\n  id: d1\n",
            flags: ["outbox.max_records=0"],
            code: .badValue,
            key: "outbox.max_records"
        ),
        RefusedConfig(
            label: "port out of range from the environment",
            yaml: "device:\n  id: d1\n",
            environment: ["EDGE_MQTT_PORT": "0"],
            code: .badValue,
            key: "mqtt.port"
        ),
        RefusedConfig(
            label: "misspelt key",
            yaml: "device:\n  id: d1\nmqtt:\n  hots: broker\n",
            code: .unknownKey,
            key: "mqtt.hots",
            mentions: "did you mean \"mqtt.host\""
        ),
        RefusedConfig(
            label: "misspelt flag",
            yaml: "device:\n  id: d1\n",
            flags: ["status.hartbeat=5s"],
            code: .unknownKey,
            key: "status.hartbeat",
            mentions: "did you mean \"status.heartbeat\""
        ),
        RefusedConfig(
            label: "TLS certificate without CA",
            yaml:
                "device:\n  id: d1\nmqtt:\n  tls:\n    cert_file: /etc/edge/cert.pem\n    key_file: /etc/edge/key.pem\n",
            code: .missingKey,
            key: "mqtt.tls.ca_file"
        ),
        RefusedConfig(
            label: "heartbeat below a second",
            yaml: "device:\n  id: d1\nstatus:\n  heartbeat: 10ms\n",
            code: .badValue,
            key: "status.heartbeat"
        ),
        RefusedConfig(
            label: "topic prefix with a wildcard",
            yaml: "device:\n  id: d1\nfleet:\n  topic_prefix: fleet/#\n",
            code: .badValue,
            key: "fleet.topic_prefix"
        ),
        RefusedConfig(
            label: "unknown log level",
            yaml: "device:\n  id: d1\nlog:\n  level: loud\n",
            code: .badValue,
            key: "log.level"
        ),
    ])
    func edgeRefusesBadConfig(_ config: RefusedConfig) {
        expectRefusal(config) { () throws(ConfigError) in
            _ = try readEdgeSettings(yaml: config.yaml, flags: config.flags, environment: config.environment)
        }
    }

    @Test(arguments: [
        RefusedConfig(label: "hub id with a space", yaml: "hub:\n  id: hub one\n", code: .badValue, key: "hub.id"),
        RefusedConfig(label: "port not a number", yaml: "mqtt:\n  port: 18x3\n", code: .badValue, key: "mqtt.port"),
        RefusedConfig(
            label: "port out of range from a flag",
            yaml: "",
            flags: ["mqtt.port=65536"],
            code: .badValue,
            key: "mqtt.port"
        ),
        RefusedConfig(
            label: "misspelt key",
            yaml: "storage:\n  pth: /var/lib/hub.sqlite\n",
            code: .unknownKey,
            key: "storage.pth",
            mentions: "did you mean \"storage.path\""
        ),
        RefusedConfig(
            label: "TLS key without CA",
            yaml: "mqtt:\n  tls:\n    key_file: /etc/hub/key.pem\n",
            code: .missingKey,
            key: "mqtt.tls.ca_file"
        ),
        RefusedConfig(
            label: "unknown drift baseline",
            yaml: "drift:\n  baseline: yesterday\n",
            code: .badValue,
            key: "drift.baseline"
        ),
        RefusedConfig(
            label: "drift baseline of no interval",
            yaml: "",
            flags: ["drift.baseline_intervals=0"],
            code: .badValue,
            key: "drift.baseline_intervals"
        ),
        RefusedConfig(
            label: "retraining on no vector",
            yaml: "drift:\n  policy:\n    min_vectors: 0\n",
            code: .badValue,
            key: "drift.policy.min_vectors"
        ),
        RefusedConfig(
            label: "shared group with a slash",
            yaml: "mqtt:\n  shared_group: a/b\n",
            code: .badValue,
            key: "mqtt.shared_group"
        ),
    ])
    func hubRefusesBadConfig(_ config: RefusedConfig) {
        expectRefusal(config) { () throws(ConfigError) in
            _ = try readHubSettings(yaml: config.yaml, flags: config.flags, environment: config.environment)
        }
    }

    @Test func unknownEnvironmentVariableIsRefused() {
        #expect {
            _ = try readHubSettings(yaml: "", environment: ["HUB_STORAGE_PTH": "/tmp/x.sqlite"])
        } throws: { error in
            let error = error as? ConfigError
            return error?.code == .unknownKey && error?.description.contains("HUB_STORAGE_PTH") == true
        }
    }

    private func expectRefusal(
        _ config: RefusedConfig,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ read: () throws(ConfigError) -> Void
    ) {
        do {
            try read()
            Issue.record("\(config.label): accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == config.code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.key == config.key, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(config.key), sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            if let mentions = config.mentions {
                #expect(error.description.contains(mentions), "\(error)", sourceLocation: sourceLocation)
            }
        }
    }
}
