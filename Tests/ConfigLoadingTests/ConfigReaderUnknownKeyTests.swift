import ConfigLoading
import Testing

@Suite struct ConfigReaderUnknownKeyTests {
    /// Reads what a small daemon would: `mqtt.host`, `mqtt.port` and `log.level`.
    private func readKnownKeys(_ reader: inout ConfigReader) throws {
        _ = try reader.string("mqtt.host", default: "localhost")
        _ = try reader.int("mqtt.port", default: 1_883)
        _ = try reader.choice("log.level", default: "info", among: ["debug", "info"])
    }

    @Test func acceptsAConfigWhoseKeysWereAllRead() throws {
        var reader = try ReaderFixture.reader(
            yaml: "mqtt:\n  host: a\n  port: 1\n",
            environment: ["EDGE_LOG_LEVEL": "debug"],
            flags: ["mqtt.port=2"]
        )
        try readKnownKeys(&reader)
        #expect(reader.unknownKeyErrors().isEmpty)
        try reader.finish()
    }

    @Test(arguments: [
        (
            yaml: "mqtt:\n  port: 1\n  hots: a\n", flags: [String](),
            description: "edge.yaml:3: unknown key \"mqtt.hots\" (did you mean \"mqtt.host\"?)"
        ),
        (
            yaml: "", flags: ["mqtt.prot=1"],
            description: "flag --set mqtt.prot: unknown key \"mqtt.prot\" (did you mean \"mqtt.port\"?)"
        ),
        (
            yaml: "log:\n  levle: debug\n", flags: [],
            description: "edge.yaml:2: unknown key \"log.levle\" (did you mean \"log.level\"?)"
        ),
        (yaml: "telemetry: on\n", flags: [], description: "edge.yaml:1: unknown key \"telemetry\""),
    ])
    func reportsUnknownFileAndFlagKeysWithLocationAndSuggestion(
        yaml: String,
        flags: [String],
        description: String
    ) throws {
        var reader = try ReaderFixture.reader(yaml: yaml, flags: flags)
        try readKnownKeys(&reader)
        let error = ReaderFixture.error { () throws(ConfigError) in try reader.finish() }
        #expect(error?.code == .unknownKey)
        #expect(error?.description == description)
    }

    @Test(arguments: [
        (variable: "EDGE_MQTT_HOTS", hint: " (did you mean EDGE_MQTT_HOST?)"),
        (variable: "EDGE_TELEMETRY", hint: ""),
    ])
    func reportsUnknownPrefixedEnvironmentVariables(variable: String, hint: String) throws {
        var reader = try ReaderFixture.reader(environment: [variable: "x"])
        try readKnownKeys(&reader)
        let error = ReaderFixture.error { () throws(ConfigError) in try reader.finish() }
        #expect(error?.code == .unknownKey)
        #expect(error?.origin == .environment(variable: variable))
        #expect(
            error?.description
                == "environment \(variable): unknown environment variable: no config key maps to it\(hint)"
        )
    }

    @Test func listsEveryUnknownKeyFileFirstThenFlagsThenEnvironment() throws {
        var reader = try ReaderFixture.reader(
            yaml: "b: 1\na: 2\nmqtt:\n  host: x\n",
            environment: ["EDGE_Z": "1", "EDGE_Y": "2"],
            flags: ["c=3"]
        )
        try readKnownKeys(&reader)
        #expect(
            reader.unknownKeyErrors().map(\.origin) == [
                .document(name: "edge.yaml", line: 1),
                .document(name: "edge.yaml", line: 2),
                .flag(key: "c"),
                .environment(variable: "EDGE_Y"),
                .environment(variable: "EDGE_Z"),
            ]
        )
    }

    @Test func aKeyThatWasAskedForButHadItsDefaultStillCountsAsRead() throws {
        var reader = try ReaderFixture.reader(yaml: "mqtt:\n  host:\n")
        try readKnownKeys(&reader)
        try reader.finish()
    }
}
