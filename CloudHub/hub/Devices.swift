import ArgumentParser
import DaemonSupport
import FoundationEssentials
import HubCore

extension Hub {
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
