import ConfigLoading
import Testing

@Suite struct ConfigFlagsTests {
    @Test(arguments: [
        (flag: "mqtt.port=1884", key: "mqtt.port", value: "1884"),
        (flag: "device=", key: "device", value: ""),
        (flag: "filter=a=b", key: "filter", value: "a=b"),
        (flag: "mqtt.session-expiry=30s", key: "mqtt.session-expiry", value: "30s"),
        (flag: "log_level= debug ", key: "log_level", value: " debug "),
    ])
    func parsesKeyValueAssignments(flag: String, key: String, value: String) throws {
        let flags = try ConfigFlags([flag])
        #expect(flags.entries == [ConfigEntry(key: key, value: .scalar(value), origin: .flag(key: key))])
    }

    @Test(arguments: [
        (flag: "mqtt.port", problem: "expected key=value"),
        (flag: "", problem: "expected key=value"),
        (flag: "=1884", problem: "the key before = is empty"),
        (flag: "mqtt..port=1", problem: "\"mqtt..port\" is not a key"),
        (flag: ".port=1", problem: "\".port\" is not a key"),
        (flag: "port.=1", problem: "\"port.\" is not a key"),
        (flag: "mqtt port=1", problem: "\"mqtt port\" is not a key"),
    ])
    func rejectsMalformedFlagsNamingThem(flag: String, problem: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigFlags(["ok=1", flag]) }
        #expect(error?.code == .badFlag)
        #expect(error?.description.hasPrefix("bad flag --set \"\(flag)\": \(problem)") == true)
    }
}
