import ArgumentParser

/// `firmware-sim`: a fleet of simulated vibration sensors publishing over MQTT.
@main
struct FirmwareSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmware-sim",
        abstract: "Simulated rotating machines publishing sensor frames and ground-truth labels over MQTT.",
        subcommands: [Run.self]
    )
}
