import ArgumentParser

/// `firmware-sim`: a fleet of simulated vibration sensors publishing over MQTT.
@main
struct FirmwareSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmware-sim",
        abstract: "Simulated rotating machines: publish sensor frames and labels over MQTT, or export a dataset.",
        subcommands: [Run.self, Export.self]
    )
}
