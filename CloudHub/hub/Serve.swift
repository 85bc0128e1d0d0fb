import ArgumentParser
import DaemonSupport
import HubCore
import Logging

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
}
