import ArgumentParser
import ConfigLoading
import DaemonSupport
import HubCore

/// Options shared by every subcommand that reads the config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "YAML config file (keys documented in the README).")
    var config: String?

    @Option(name: .customLong("set"), help: "Override a config key: --set mqtt.port=1884 (repeatable).")
    var overrides: [String] = []

    /// Reads the settings, or prints the one-line error and exits with status 2.
    func settings() throws -> HubSettings {
        try Self.settings(configFile: config, overrides: overrides)
    }

    /// Opens the hub's database named by the settings.
    func store() throws -> HubStore {
        try HubStore(path: settings().storagePath)
    }

    /// The settings of `configFile`, the `HUB_` environment and `overrides`, or the one-line error and exit status 2.
    static func settings(configFile: String?, overrides: [String]) throws -> HubSettings {
        do {
            var reader = try ConfigReader(configFile: configFile, environmentPrefix: "HUB", flags: overrides)
            return try HubSettings.read(from: &reader)
        } catch {
            DaemonLauncher.report(error, program: "hub")
            throw ExitCode(2)
        }
    }
}
