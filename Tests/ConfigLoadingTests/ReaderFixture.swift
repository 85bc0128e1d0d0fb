import ConfigLoading

/// Builds readers from inline YAML, a fake environment and flags, as the daemons would from their real inputs.
enum ReaderFixture {
    static let prefix = "EDGE"
    static let fileName = "edge.yaml"

    static func reader(
        yaml: String = "",
        environment: [String: String] = [:],
        flags: [String] = []
    ) throws -> ConfigReader {
        ConfigReader(
            file: try ConfigSource(yaml: yaml, name: fileName),
            environment: ConfigEnvironment(prefix: prefix, variables: environment),
            flags: try ConfigFlags(flags)
        )
    }

    /// The error `body` throws, or `nil` when it throws none.
    static func error(_ body: () throws(ConfigError) -> Void) -> ConfigError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
