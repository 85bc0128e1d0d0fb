import ArgumentParser
import DaemonSupport
import Glibc
import HubCore
import UpdateSigning

/// The key that signs registered artifacts, when `hub keys init` has made one.
enum UpdateSigner {
    /// The key pair in `keys.dir`, nil (registrations unsigned) when there is none; a key that is there but
    /// unreadable or too open is reported on one line with exit status 1.
    static func load(_ settings: HubSettings) throws -> SigningKeyPair? {
        guard access("\(settings.keysDirectory)/\(SigningKeyPair.privateKeyFile)", F_OK) == 0 else { return nil }
        do {
            return try SigningKeyPair.load(from: settings.keysDirectory)
        } catch {
            DaemonLauncher.report("\(error)", program: "hub")
            throw ExitCode(1)
        }
    }
}
