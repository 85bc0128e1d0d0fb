import ArgumentParser
import DaemonSupport
import HubCore

/// How the inspection commands end on a refusal.
enum HubCommand {
    /// Runs `body`; a `RegistryError` (unknown model, bad alias, …), `RolloutError` or `FederatedRunError` becomes one
    /// line on stderr and exit status 1.
    static func reportingRegistryErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            DaemonLauncher.report("\(error)", program: "hub")
            throw ExitCode(1)
        } catch let error as RolloutError {
            DaemonLauncher.report("\(error)", program: "hub")
            throw ExitCode(1)
        } catch let error as FederatedRunError {
            DaemonLauncher.report("\(error)", program: "hub")
            throw ExitCode(1)
        }
    }
}
