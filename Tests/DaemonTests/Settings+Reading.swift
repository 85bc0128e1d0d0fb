import ConfigLoading
import EdgeCore
import HubCore

/// Reads `EdgeSettings` the way `edge run` does, from a YAML text, `--set` flags and `EDGE_…` variables.
func readEdgeSettings(
    yaml: String,
    flags: [String] = [],
    environment: [String: String] = [:]
) throws(ConfigError) -> EdgeSettings {
    var reader = ConfigReader(
        file: try ConfigSource(yaml: yaml, name: "edge.yaml"),
        environment: ConfigEnvironment(prefix: "EDGE", variables: environment),
        flags: try ConfigFlags(flags)
    )
    return try EdgeSettings.read(from: &reader)
}

/// Reads `HubSettings` the way `hub serve` does, from a YAML text, `--set` flags and `HUB_…` variables.
func readHubSettings(
    yaml: String,
    flags: [String] = [],
    environment: [String: String] = [:]
) throws(ConfigError) -> HubSettings {
    var reader = ConfigReader(
        file: try ConfigSource(yaml: yaml, name: "hub.yaml"),
        environment: ConfigEnvironment(prefix: "HUB", variables: environment),
        flags: try ConfigFlags(flags)
    )
    return try HubSettings.read(from: &reader)
}
