import ArgumentParser
import ConfigLoading
import DaemonSupport
import FoundationEssentials
import HubCore
import Logging

/// `hub`: the fleet's server and its inspection commands.
@main
struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "The fleet's cloud hub.",
        version: HubDaemon.version,
        subcommands: [Serve.self, Devices.self]
    )
}

/// Options shared by every subcommand that reads the config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "YAML config file (keys documented in the README).")
    var config: String?

    @Option(name: .customLong("set"), help: "Override a config key: --set mqtt.port=1884 (repeatable).")
    var overrides: [String] = []

    /// Reads the settings, or prints the one-line error and exits with status 2.
    func settings() throws -> HubSettings {
        do {
            var reader = try ConfigReader(configFile: config, environmentPrefix: "HUB", flags: overrides)
            return try HubSettings.read(from: &reader)
        } catch {
            DaemonLauncher.report(error, program: "hub")
            throw ExitCode(2)
        }
    }
}

extension Hub {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the hub until SIGTERM or SIGINT.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let settings = try options.settings()
            LogSettings.bootstrap(level: settings.logLevel)
            let logger = Logger(label: "hub")
            let store = try HubStore(path: settings.storagePath)
            try await DaemonLauncher.run(HubDaemon(settings: settings, store: store, logger: logger), logger: logger)
        }
    }

    struct Devices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every device with its presence.")

        @OptionGroup var options: ConfigOptions

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let settings = try options.settings()
            let devices = try HubStore(path: settings.storagePath).devices()
            if json && devices.isEmpty {
                print("[]")  // the pretty printer would write "[", a blank line and "]"
                return
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(devices), as: UTF8.self))
                return
            }
            print(DeviceTable(devices, now: unixMilliseconds()).render())
        }
    }
}
