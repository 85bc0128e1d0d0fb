import ArgumentParser
import DaemonSupport
import HubCore
import Logging

extension Hub {
    /// `hub drift`: drift monitoring.
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drift monitoring of the fleet's model inputs.",
            subcommands: [Report.self]
        )

        /// `hub drift report [--device D] [--model M] [--json]`.
        struct Report: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Per-feature drift statistics over the window (drift.window), for the fleet and devices."
            )

            @OptionGroup var options: ConfigOptions

            @Option(help: "Only this device (the fleet line is always shown).")
            var device: String?

            @Option(help: "Only this model name.")
            var model: String?

            @Flag(help: "Print JSON instead of tables.")
            var json = false

            func run() async throws {
                let settings = try options.settings()
                let monitor = DriftMonitor(
                    store: try options.store(),
                    settings: settings.drift,
                    logger: Logger(label: "hub.drift")
                )
                let reports = try monitor.report(device: device, model: model, nowMs: unixMilliseconds())
                if json { return try JSONOutput.print(reports) }
                print(DriftReportTable(reports).render())
            }
        }
    }
}
