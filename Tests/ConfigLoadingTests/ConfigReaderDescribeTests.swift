import ConfigLoading
import Testing

@Suite struct ConfigReaderDescribeTests {
    @Test func listsEffectiveValuesWithOriginsSortedByKey() throws {
        var reader = try ReaderFixture.reader(
            yaml: "mqtt:\n  host: broker\n  topics: [a, b]\n",
            environment: ["EDGE_MQTT_PORT": "1884"],
            flags: ["mqtt.keepalive=1m"]
        )
        _ = try reader.string("mqtt.host")
        _ = try reader.int("mqtt.port", default: 1_883)
        _ = try reader.duration("mqtt.keepalive", default: .seconds(30))
        _ = try reader.duration("mqtt.timeout", default: .milliseconds(1_500))
        _ = try reader.stringList("mqtt.topics")
        _ = try reader.optionalString("mqtt.client_id")
        _ = try reader.bool("mqtt.tls", default: false)
        #expect(
            reader.describe() == """
                mqtt.client_id = (unset) (default)
                mqtt.host = broker (edge.yaml:2)
                mqtt.keepalive = 1m (flag --set mqtt.keepalive)
                mqtt.port = 1884 (environment EDGE_MQTT_PORT)
                mqtt.timeout = 1500ms (default)
                mqtt.tls = false (default)
                mqtt.topics = [a, b] (edge.yaml:3)
                """
        )
    }

    @Test(arguments: ["mqtt.password", "api.token", "signing.secret", "hub.API_TOKEN"])
    func masksSecrets(key: String) throws {
        var reader = try ReaderFixture.reader(flags: ["\(key)=hunter2"])
        _ = try reader.string(key)
        #expect(reader.describe() == "\(key) = ******** (flag --set \(key))")
        #expect(reader.settings.first?.value == "********")
    }

    @Test func masksSecretDefaultsToo() throws {
        var reader = try ReaderFixture.reader()
        _ = try reader.string("mqtt.password", default: "changeme")
        #expect(reader.describe() == "mqtt.password = ******** (default)")
    }

    @Test func keepsEachValueOnOneLine() throws {
        var reader = try ReaderFixture.reader(yaml: "motd: |\n  line one\n  line two\n")
        _ = try reader.string("motd")
        #expect(reader.describe() == "motd = line one\\nline two\\n (edge.yaml:1)")
    }

    @Test(arguments: [
        (default: Duration.milliseconds(250), shown: "250ms"),
        (default: .seconds(90), shown: "90s"),
        (default: .seconds(7_200), shown: "2h"),
        (default: .microseconds(1_500), shown: "0.0015s"),
        (default: .zero, shown: "0s"),
    ])
    func showsDurationsInTheirLargestExactUnit(default value: Duration, shown: String) throws {
        var reader = try ReaderFixture.reader()
        _ = try reader.duration("timeout", default: value)
        #expect(reader.describe() == "timeout = \(shown) (default)")
    }
}
