import ArgumentParser
import DaemonSupport
import UpdateSigning

extension Hub {
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the Ed25519 key that signs model updates.",
            subcommands: [Initialise.self]
        )
    }
}

extension Hub.Keys {
    struct Initialise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the update-signing key pair in keys.dir (never overwrites one)."
        )

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let settings = try options.settings()
            do {
                let pair = try SigningKeyPair.create(in: settings.keysDirectory)
                print("created \(settings.keysDirectory)/\(SigningKeyPair.privateKeyFile) (mode 0600)")
                print("devices trust \(settings.keysDirectory)/\(SigningKeyPair.publicKeyFile)")
                print("key id \(SigningKeyPair.keyID(of: pair.publicKey))")
            } catch {
                DaemonLauncher.report("\(error)", program: "hub")
                throw ExitCode(1)
            }
        }
    }
}
