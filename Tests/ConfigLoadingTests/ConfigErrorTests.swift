import ConfigLoading
import Testing

@Suite struct ConfigErrorTests {
    /// Inputs that each fail somewhere, chosen to put line breaks and odd text near the message.
    static let failingInputs: [(yaml: String, flags: [String])] = [
        ("a: [\n", []),
        ("a: \"x\n\ny\n", []),
        ("- a\n", []),
        ("a: 1\na: 2\n", []),
        ("port: |\n  12\n  34\n", []),
        ("\"multi\\nline\": 1\n", []),
        ("", ["port=1\n2"]),
        ("", ["bad\nflag"]),
        ("", ["x\u{2028}y=1"]),
    ]

    @Test(arguments: failingInputs)
    func descriptionsAreOneLine(yaml: String, flags: [String]) {
        let error = ReaderFixture.error { () throws(ConfigError) in
            var reader = ConfigReader(
                file: try ConfigSource(yaml: yaml, name: "edge.yaml"),
                environment: ConfigEnvironment(prefix: "EDGE", variables: [:]),
                flags: try ConfigFlags(flags)
            )
            _ = try reader.int("port", default: 1)
            try reader.finish()
        }
        #expect(error != nil)
        #expect(error?.description.contains { $0.isNewline } == false)
    }

    @Test func theInitializerReplacesLineBreaksInTheMessage() {
        let error = ConfigError(code: .badValue, key: "a", origin: .flag(key: "a"), message: "one\ntwo\r\nthree")
        #expect(error.description == "flag --set a: one two three")
    }

    @Test(arguments: [
        (origin: ConfigOrigin.builtInDefault, text: "default"),
        (origin: .document(name: "edge.yaml", line: 4), text: "edge.yaml:4"),
        (origin: .document(name: "edge.yaml", line: nil), text: "edge.yaml"),
        (origin: .environment(variable: "EDGE_X"), text: "environment EDGE_X"),
        (origin: .flag(key: "x"), text: "flag --set x"),
    ])
    func originsDescribeThemselves(origin: ConfigOrigin, text: String) {
        #expect(origin.description == text)
    }
}
