import ArgumentParser
import DaemonSupport
import EdgeCore
import FoundationEssentials

extension Edge {
    struct Models: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The model slots of this device.",
            subcommands: [List.self, Install.self],
            defaultSubcommand: List.self
        )
    }
}

extension Edge.Models {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the active and the standby slot.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try EdgeStateStore(directory: options.settings().stateDirectory)
            let slots = try store.modelSlots()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(slots), as: UTF8.self))
                return
            }
            for (role, model) in [("active", slots.active), ("standby", slots.standby)] {
                guard let model else {
                    print("\(role):\(role == "active" ? " " : "") none")
                    continue
                }
                let trusted = try store.trustedVersion(of: model.name).map { ", trusted up to \($0)" } ?? ""
                print(
                    "\(role):\(role == "active" ? " " : "") \(model.name)@\(model.version) in slot \(model.slot.rawValue), "
                        + "\(model.size) bytes, sha256 \(model.sha256.prefix(16))…\(trusted)"
                )
            }
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install an .edgemodel file by hand: checked, written to the idle slot and made active.",
            discussion: """
                For a device without a hub, or the first model of a demo. The artifact must pass the same health \
                check as an update (int8, loads, self-test inference); its version becomes the trusted one. A \
                running `edge run` picks it up at its next start.
                """
        )

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The .edgemodel file.") var file: String
        @Option(help: "Longest self-test inference accepted.") var latencyBoundMs = 100

        func run() async throws {
            let store = try EdgeStateStore(directory: options.settings().stateDirectory)
            let bytes: [UInt8]
            do {
                bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                DaemonLauncher.report("cannot read \(file): \(error.localizedDescription)", program: "edge")
                throw ExitCode(1)
            }
            do {
                let installed = try ModelInstaller(store: store).install(
                    artifact: bytes,
                    latencyBound: .milliseconds(latencyBoundMs),
                    now: unixMilliseconds()
                )
                print("installed \(installed.name)@\(installed.version) in slot \(installed.slot.rawValue), now active")
            } catch {
                DaemonLauncher.report("\(file): \(error)", program: "edge")
                throw ExitCode(1)
            }
        }
    }
}
