import ArgumentParser
import DaemonSupport
import HubCore

extension Hub {
    struct Devices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every device with its presence.")

        @OptionGroup var options: ConfigOptions

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let devices = try options.store().devices()
            if json { return try JSONOutput.print(devices) }
            print(DeviceTable(devices, now: unixMilliseconds()).render())
        }
    }
}
