import ConfigLoading
import Testing

@Suite struct ConfigReaderGetterTests {
    private func reader(value: String) throws -> ConfigReader {
        try ReaderFixture.reader(flags: ["key=\(value)"])
    }

    private func badValue(
        _ value: String,
        _ read: (inout ConfigReader) throws(ConfigError) -> Void
    ) throws -> ConfigError? {
        var reader = try reader(value: value)
        return ReaderFixture.error { () throws(ConfigError) in try read(&reader) }
    }

    @Test(arguments: ["", "plain", "with spaces", "1884", "ünïcode"])
    func stringReturnsTheTextAsWritten(value: String) throws {
        var reader = try reader(value: value)
        #expect(try reader.string("key") == value)
    }

    @Test(arguments: [("42", 42), ("-7", -7), ("+3", 3), ("0", 0), ("65535", 65_535)])
    func intAcceptsDecimalIntegers(value: String, expected: Int) throws {
        var reader = try reader(value: value)
        #expect(try reader.int("key", range: -10...65_535) == expected)
    }

    @Test(arguments: ["abc", "", "1.5", "0x10", "1_000", " 1", "1 ", "65536", "-11", "99999999999999999999"])
    func intRejectsOtherTextAndValuesOutOfRange(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in _ = try reader.int("key", range: -10...65_535) }
        #expect(error?.code == .badValue)
        #expect(error?.key == "key")
        #expect(error?.message.hasPrefix("key: expected an integer in -10...65535, got \"") == true)
    }

    @Test(arguments: [("0.5", 0.5), ("1e-3", 0.001), ("-2", -2.0), ("3", 3.0), (".25", 0.25)])
    func doubleAcceptsDecimalNumbers(value: String, expected: Double) throws {
        var reader = try reader(value: value)
        #expect(try reader.double("key", range: -5...5) == expected)
    }

    @Test(arguments: ["abc", "", "nan", "inf", "-infinity", "5.0001", "1,5"])
    func doubleRejectsOtherTextNonFiniteAndOutOfRange(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in _ = try reader.double("key", range: -5...5) }
        #expect(error?.code == .badValue)
        #expect(error?.message.hasPrefix("key: expected a number in -5.0...5.0, got \"") == true)
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("yes", true), ("On", true), ("1", true),
        ("false", false), ("no", false), ("OFF", false), ("0", false), ("False", false),
    ])
    func boolAcceptsTheUsualSpellings(value: String, expected: Bool) throws {
        var reader = try reader(value: value)
        #expect(try reader.bool("key") == expected)
    }

    @Test(arguments: ["", "maybe", "2", "y", "enabled", "truee"])
    func boolRejectsOtherText(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in _ = try reader.bool("key") }
        #expect(
            error?.description
                == "flag --set key: key: expected a boolean (true/false, yes/no, on/off, 1/0), got \"\(value)\""
        )
    }

    @Test(arguments: [
        ("30s", Duration.seconds(30)),
        ("500ms", .milliseconds(500)),
        ("5m", .seconds(300)),
        ("1h", .seconds(3_600)),
        ("45", .seconds(45)),
        ("1.5s", .milliseconds(1_500)),
        ("0.25", .milliseconds(250)),
        ("0.5m", .seconds(30)),
        ("0", .zero),
        ("1.000000001s", .nanoseconds(1_000_000_001)),
    ])
    func durationAcceptsUnitsAndBareSeconds(value: String, expected: Duration) throws {
        var reader = try reader(value: value)
        #expect(try reader.duration("key") == expected)
    }

    @Test(arguments: [
        "", "s", "abc", "-5s", "5 s", "5sec", "5S", "1.s", ".5s", "1.2.3s", "5d", "1.0000000001s",
        "9999999999999999999999h",
    ])
    func durationRejectsOtherText(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in _ = try reader.duration("key") }
        #expect(error?.code == .badValue)
        #expect(error?.message.hasPrefix("key: expected a duration such as 500ms, 30s, 5m or 1h, got \"") == true)
    }

    @Test(arguments: ["0", "999ms", "61m", "1.0001h"])
    func durationRejectsValuesOutOfRange(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in
            _ = try reader.duration("key", range: .seconds(1)...(.seconds(3_600)))
        }
        #expect(error?.message == "key: expected a duration such as 500ms, 30s, 5m or 1h in 1s...1h, got \"\(value)\"")
    }

    @Test(arguments: ["debug", "info"])
    func choiceAcceptsListedValues(value: String) throws {
        var reader = try reader(value: value)
        #expect(try reader.choice("key", among: ["debug", "info"]) == value)
    }

    @Test(arguments: ["", "DEBUG", "trace", "info "])
    func choiceRejectsUnlistedValues(value: String) throws {
        let error = try badValue(value) { reader throws(ConfigError) in
            _ = try reader.choice("key", among: ["debug", "info"])
        }
        #expect(error?.message == "key: expected one of \"debug\", \"info\", got \"\(value)\"")
    }

    enum Store: String, CaseIterable, Sendable {
        case sqlite
        case postgres
    }

    @Test func choiceOfAnEnumReturnsTheCase() throws {
        var reader = try reader(value: "postgres")
        #expect(try reader.choice("key", default: Store.sqlite) == .postgres)
        #expect(try reader.choice("absent", default: Store.sqlite) == .sqlite)
    }

    @Test func choiceOfAnEnumRejectsOtherValues() throws {
        let error = try badValue("mysql") { reader throws(ConfigError) in _ = try reader.choice("key") as Store }
        #expect(error?.message == "key: expected one of \"sqlite\", \"postgres\", got \"mysql\"")
    }

    @Test(arguments: [
        (yaml: "key: [a, b]\n", expected: ["a", "b"]),
        (yaml: "key:\n  - a\n  - 1\n", expected: ["a", "1"]),
        (yaml: "key: []\n", expected: []),
    ])
    func stringListReadsYamlSequences(yaml: String, expected: [String]) throws {
        var reader = try ReaderFixture.reader(yaml: yaml)
        #expect(try reader.stringList("key") == expected)
    }

    @Test(arguments: [
        (value: "a,b", expected: ["a", "b"]),
        (value: " a , b ,", expected: ["a", "b"]),
        (value: "", expected: []),
        (value: "single", expected: ["single"]),
    ])
    func stringListSplitsEnvironmentAndFlagValuesOnCommas(value: String, expected: [String]) throws {
        var fromFlag = try ReaderFixture.reader(flags: ["key=\(value)"])
        var fromEnvironment = try ReaderFixture.reader(environment: ["EDGE_KEY": value])
        #expect(try fromFlag.stringList("key") == expected)
        #expect(try fromEnvironment.stringList("key") == expected)
    }

    @Test func stringListRejectsAScalarInTheFile() throws {
        var reader = try ReaderFixture.reader(yaml: "key: a,b\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.stringList("key") }
        #expect(error?.description == "edge.yaml:1: key: expected a list, got \"a,b\"")
    }

    @Test func optionalStringIsNilWhenUnsetOrNull() throws {
        var reader = try ReaderFixture.reader(yaml: "a:\nb: text\n")
        #expect(try reader.optionalString("a") == nil)
        #expect(try reader.optionalString("b") == "text")
        #expect(try reader.optionalString("c") == nil)
        try reader.finish()
    }

    @Test func gettersReturnTheirDefaultsWhenNothingIsSet() throws {
        var reader = try ReaderFixture.reader()
        #expect(try reader.string("a", default: "x") == "x")
        #expect(try reader.int("b", default: 3, range: 1...5) == 3)
        #expect(try reader.double("c", default: 0.5) == 0.5)
        #expect(try reader.bool("d", default: true))
        #expect(try reader.duration("e", default: .seconds(30)) == .seconds(30))
        #expect(try reader.stringList("f", default: ["y"]) == ["y"])
        #expect(try reader.choice("g", default: "info", among: ["info"]) == "info")
    }

    @Test func scalarGettersRejectAList() throws {
        var reader = try ReaderFixture.reader(yaml: "mqtt:\n  port: [1, 2]\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.int("mqtt.port") }
        #expect(error?.description == "edge.yaml:2: mqtt.port: expected an integer, got a list")
    }

    @Test(arguments: [
        (source: "file", prefix: "edge.yaml:2: "),
        (source: "environment", prefix: "environment EDGE_MQTT_PORT: "),
        (source: "flag", prefix: "flag --set mqtt.port: "),
    ])
    func badValuesNameWhereTheyCameFrom(source: String, prefix: String) throws {
        var reader = try ReaderFixture.reader(
            yaml: source == "file" ? "mqtt:\n  port: abc\n" : "",
            environment: source == "environment" ? ["EDGE_MQTT_PORT": "abc"] : [:],
            flags: source == "flag" ? ["mqtt.port=abc"] : []
        )
        let error = ReaderFixture.error { () throws(ConfigError) in
            _ = try reader.int("mqtt.port", default: 1_883, range: 1...65_535)
        }
        #expect(error?.description == "\(prefix)mqtt.port: expected an integer in 1...65535, got \"abc\"")
    }

    @Test func aMappingWhereAScalarIsExpectedIsAnError() throws {
        var reader = try ReaderFixture.reader(yaml: "mqtt:\n  host: a\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.string("mqtt", default: "x") }
        #expect(error?.code == .badValue)
        #expect(error?.description == "edge.yaml:2: mqtt: expected a string, got a mapping (holding \"mqtt.host\")")
    }

    @Test(arguments: [
        (yaml: "mqtt: broker.local\n", flags: [String](), prefix: "edge.yaml:1: "),
        (yaml: "", flags: ["mqtt=broker.local"], prefix: "flag --set mqtt: "),
    ])
    func aScalarWhereAMappingIsExpectedIsAnError(yaml: String, flags: [String], prefix: String) throws {
        var reader = try ReaderFixture.reader(yaml: yaml, flags: flags)
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.string("mqtt.host", default: "x") }
        #expect(error?.code == .badValue)
        #expect(error?.key == "mqtt")
        #expect(error?.description == "\(prefix)mqtt: expected a mapping holding \"mqtt.host\", got \"broker.local\"")
    }

    @Test func aNullSectionHoldsNoKeysAndIsNotUnknown() throws {
        var reader = try ReaderFixture.reader(yaml: "mqtt:\n")
        #expect(try reader.string("mqtt.host", default: "localhost") == "localhost")
        try reader.finish()
    }

    @Test func aRequiredKeyThatIsUnsetIsMissing() throws {
        var reader = try ReaderFixture.reader()
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.string("device.id") }
        #expect(error?.code == .missingKey)
        #expect(error?.key == "device.id")
        #expect(
            error?.description
                == "missing required key \"device.id\" (set it in edge.yaml, as EDGE_DEVICE_ID or with --set device.id=…)"
        )
    }

    @Test func aRequiredKeySetToNullIsMissingAtItsLine() throws {
        var reader = try ReaderFixture.reader(yaml: "a: 1\ndevice:\n  id:\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.int("device.id") }
        #expect(error?.code == .missingKey)
        #expect(error?.origin == .document(name: "edge.yaml", line: 3))
    }

    @Test func secretValuesAreNotShownInErrors() throws {
        var reader = try ReaderFixture.reader(flags: ["mqtt.password=hunter2"])
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.int("mqtt.password") }
        #expect(error?.description.contains("hunter2") == false)
    }
}
