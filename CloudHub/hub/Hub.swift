import ArgumentParser
import HubCore

/// `hub`: the fleet's server and its inspection commands.
@main
struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "The fleet's cloud hub.",
        version: HubDaemon.version,
        subcommands: [
            Serve.self, Devices.self, Telemetry.self, Models.self, Train.self, Data.self, Keys.self, Rollout.self,
            Desired.self, Federated.self, Drift.self,
        ]
    )
}
