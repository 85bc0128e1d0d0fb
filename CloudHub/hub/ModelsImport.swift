import ArgumentParser
import DaemonSupport
import FoundationEssentials
import HubCore

extension Hub.Models {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an .edgemodel built elsewhere under the name and version its manifest carries."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "The .edgemodel file.") var file: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let settings = try options.settings()
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                DaemonLauncher.report("\(file): cannot read: \(error)", program: "hub")
                throw ExitCode(1)
            }
            let signer = try UpdateSigner.load(settings)
            let store = try HubStore(path: settings.storagePath)
            try HubCommand.reportingRegistryErrors {
                let model = try store.register(
                    artifactBytes: bytes,
                    actor: actor.actor,
                    now: unixMilliseconds(),
                    signer: signer
                )
                if json { return try JSONOutput.print(model) }
                print(
                    "registered \(model.name)@\(model.version) (\(model.size) bytes, \(model.signed ? "signed" : "unsigned"))"
                )
            }
        }
    }
}
