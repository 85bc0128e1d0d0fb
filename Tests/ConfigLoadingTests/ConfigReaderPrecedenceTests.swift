import ConfigLoading
import Testing

@Suite struct ConfigReaderPrecedenceTests {
    /// Which layers set `mqtt.port`, and the origin of the value that must win.
    struct Layers: Sendable, CustomTestStringConvertible {
        let file: Bool
        let environment: Bool
        let flag: Bool
        var testDescription: String { "file \(file), environment \(environment), flag \(flag)" }
    }

    static let allLayerCombinations: [Layers] = [false, true].flatMap { file in
        [false, true].flatMap { environment in
            [false, true].map { flag in Layers(file: file, environment: environment, flag: flag) }
        }
    }

    @Test(arguments: allLayerCombinations)
    func defaultThenFileThenEnvironmentThenFlag(layers: Layers) throws {
        var reader = try ReaderFixture.reader(
            yaml: layers.file ? "mqtt:\n  port: 1001\n" : "",
            environment: layers.environment ? ["EDGE_MQTT_PORT": "1002"] : [:],
            flags: layers.flag ? ["mqtt.port=1003"] : []
        )
        let expected: (Int, ConfigOrigin) =
            if layers.flag {
                (1003, .flag(key: "mqtt.port"))
            } else if layers.environment {
                (1002, .environment(variable: "EDGE_MQTT_PORT"))
            } else if layers.file {
                (1001, .document(name: "edge.yaml", line: 2))
            } else {
                (1000, .builtInDefault)
            }
        #expect(try reader.int("mqtt.port", default: 1000) == expected.0)
        #expect(reader.settings == [ConfigSetting(key: "mqtt.port", value: "\(expected.0)", origin: expected.1)])
        try reader.finish()
    }

    @Test func theLastFlagForAKeyWins() throws {
        var reader = try ReaderFixture.reader(flags: ["mqtt.port=1", "mqtt.port=2"])
        #expect(try reader.int("mqtt.port", default: 0) == 2)
        try reader.finish()
    }

    @Test func aNullInTheFileLeavesTheDefault() throws {
        var reader = try ReaderFixture.reader(yaml: "mqtt:\n  host:\n")
        #expect(try reader.string("mqtt.host", default: "localhost") == "localhost")
        try reader.finish()
    }

    @Test func anEmptyEnvironmentValueIsAValueNotAnAbsence() throws {
        var reader = try ReaderFixture.reader(yaml: "topic: fleet\n", environment: ["EDGE_TOPIC": ""])
        #expect(try reader.string("topic", default: "x") == "")
    }

    @Test func aBadValueInALowerLayerIsIgnoredWhenAHigherLayerWins() throws {
        var reader = try ReaderFixture.reader(yaml: "port: abc\n", flags: ["port=1"])
        #expect(try reader.int("port") == 1)
    }
}
