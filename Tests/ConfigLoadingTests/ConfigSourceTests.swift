import ConfigLoading
import Testing

@Suite struct ConfigSourceTests {
    @Test func flattensNestedMappingsToDottedKeysWithLines() throws {
        let yaml = """
            device: sensor-7
            mqtt:
              host: broker.local
              tls:
                enabled: yes
            topics: [a, "b c"]
            """
        let source = try ConfigSource(yaml: yaml, name: "edge.yaml")
        #expect(
            source.entries == [
                ConfigEntry(key: "device", value: .scalar("sensor-7"), origin: .document(name: "edge.yaml", line: 1)),
                ConfigEntry(
                    key: "mqtt.host",
                    value: .scalar("broker.local"),
                    origin: .document(name: "edge.yaml", line: 3)
                ),
                ConfigEntry(
                    key: "mqtt.tls.enabled",
                    value: .scalar("yes"),
                    origin: .document(name: "edge.yaml", line: 5)
                ),
                ConfigEntry(key: "topics", value: .list(["a", "b c"]), origin: .document(name: "edge.yaml", line: 6)),
            ]
        )
    }

    @Test func keepsDottedKeysWrittenInTheFileAsTheyAre() throws {
        let source = try ConfigSource(yaml: "mqtt.port: 1884\n", name: "edge.yaml")
        #expect(source.entries.map(\.key) == ["mqtt.port"])
    }

    @Test(arguments: ["key:", "key: ~", "key: null", "key: Null"])
    func readsYamlNullAsNull(yaml: String) throws {
        let source = try ConfigSource(yaml: yaml, name: "edge.yaml")
        #expect(source.entries.map(\.value) == [.null])
    }

    @Test(arguments: ["key: \"\"", "key: 'null'", "key: \"~\""])
    func keepsQuotedTextThatLooksLikeNullAsText(yaml: String) throws {
        let source = try ConfigSource(yaml: yaml, name: "edge.yaml")
        guard case .scalar = source.entries.first?.value else {
            Issue.record("expected a scalar, got \(source.entries)")
            return
        }
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n", "~\n"])
    func treatsAnEmptyDocumentAsAnEmptyConfig(yaml: String) throws {
        #expect(try ConfigSource(yaml: yaml, name: "edge.yaml").entries.isEmpty)
    }

    @Test(arguments: [
        (yaml: "a: 1\nb: [1, 2\nc: 3\n", line: 3),
        (yaml: "a: 1\n  b: 2\n", line: 2),
        (yaml: "a: 1\nb: \"unterminated\n", line: 3),
        (yaml: "a: 1\n---\nb: 2\n", line: 2),
        (yaml: "a: *missing\n", line: 1),
        (yaml: "a:\n\tb: 1\n", line: 2),
    ])
    func reportsYamlSyntaxErrorsWithFileAndLine(yaml: String, line: Int) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .syntax)
        #expect(error?.origin == .document(name: "edge.yaml", line: line))
        #expect(error?.description.hasPrefix("edge.yaml:\(line): ") == true)
    }

    @Test(arguments: [
        (yaml: "- a\n- b\n", got: "a list"),
        (yaml: "just text\n", got: "a scalar"),
        (yaml: "42\n", got: "a scalar"),
    ])
    func rejectsATopLevelThatIsNotAMapping(yaml: String, got: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .syntax)
        #expect(error?.description == "edge.yaml:1: the top level must be a mapping of keys to values, got \(got)")
    }

    @Test(arguments: [
        (yaml: "a: 1\nhost: x\nhost: y\n", key: "host"),
        (yaml: "mqtt:\n  host: x\n  port: 1\n  host: y\n", key: "host"),
    ])
    func rejectsDuplicateKeysInOneMapping(yaml: String, key: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .duplicateKey)
        #expect(error?.key == key)
        #expect(error?.description.hasPrefix("edge.yaml:2: duplicate key \"\(key)\"") == true)
    }

    @Test(arguments: [
        "mqtt.host: x\nmqtt:\n  host: y\n",
        "mqtt:\n  host: y\nmqtt.host: x\n",
    ])
    func rejectsTheSameDottedKeyWrittenTwoWays(yaml: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .duplicateKey)
        #expect(error?.key == "mqtt.host")
        #expect(error?.origin == .document(name: "edge.yaml", line: 3))
        #expect(error?.message.contains("first set at edge.yaml:") == true)
    }

    @Test(arguments: ["servers:\n  - host: a\n", "servers:\n  - [a, b]\n"])
    func rejectsListsHoldingStructures(yaml: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .badValue)
        #expect(error?.key == "servers")
        #expect(error?.origin == .document(name: "edge.yaml", line: 2))
    }

    @Test(arguments: ["? [a, b]\n: 1\n", "? {a: 1}\n: 1\n", "\"\": 1\n"])
    func rejectsKeysThatAreNotPlainText(yaml: String) {
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(yaml: yaml, name: "edge.yaml")
        }
        #expect(error?.code == .syntax)
        #expect(error?.origin == .document(name: "edge.yaml", line: 1))
    }

    @Test func resolvesAnchorsAndAliases() throws {
        let source = try ConfigSource(yaml: "a: &port 1884\nb: *port\n", name: "edge.yaml")
        #expect(source.entries.map(\.value) == [.scalar("1884"), .scalar("1884")])
    }
}
