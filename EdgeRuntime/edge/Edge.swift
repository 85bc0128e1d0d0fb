import ArgumentParser
import ConfigLoading
import DaemonSupport
import EdgeCore
import Logging

/// `edge`: the device daemon and its local inspection commands.
@main
struct Edge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edge",
        abstract: "The fleet's device runtime.",
        version: EdgeDaemon.runtimeVersion,
        subcommands: [Run.self, Status.self, Models.self]
    )
}

/// Options shared by every subcommand that reads the config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "YAML config file (keys documented in the README).")
    var config: String?

    @Option(name: .customLong("set"), help: "Override a config key: --set mqtt.port=1884 (repeatable).")
    var overrides: [String] = []

    /// Reads the settings, or prints the one-line error and exits with status 2.
    func settings() throws -> EdgeSettings {
        do {
            var reader = try ConfigReader(configFile: config, environmentPrefix: "EDGE", flags: overrides)
            return try EdgeSettings.read(from: &reader)
        } catch {
            DaemonLauncher.report(error, program: "edge")
            throw ExitCode(2)
        }
    }
}

extension Edge {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the daemon until SIGTERM or SIGINT.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let settings = try options.settings()
            LogSettings.bootstrap(level: settings.logLevel)
            let logger = Logger(label: "edge")
            let store = try EdgeStateStore(directory: settings.stateDirectory)
            let daemon: EdgeDaemon
            do {
                daemon = try EdgeDaemon(settings: settings, store: store, logger: logger)
            } catch {
                let problem = ConfigError(code: .badValue, key: "features", origin: nil, message: error.description)
                DaemonLauncher.report(problem, program: "edge")
                throw ExitCode(2)
            }
            try await DaemonLauncher.run(daemon, logger: logger)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the local state of this device.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let settings = try options.settings()
            let store = try EdgeStateStore(directory: settings.stateDirectory)
            print("device:     \(settings.device.rawValue)")
            print("state dir:  \(settings.stateDirectory)")
            print("broker:     \(settings.mqtt.host):\(settings.mqtt.port)")
            print("last seq:   \(try store.lastSequence())")
            let pipeline = settings.sensors.pipeline
            print(
                "features:   \(pipeline.sensor) \(pipeline.axes.joined(separator: ",")) at \(pipeline.sampleRateHz) Hz, "
                    + "window \(pipeline.windowLength) hop \(pipeline.hop), \(pipeline.featureCount) features"
            )
            let counters = try store.savedCounters()
            if counters.isEmpty {
                print("sensors:    no counters saved yet")
            } else {
                print("sensors:    " + counters.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
            }
        }
    }
}
