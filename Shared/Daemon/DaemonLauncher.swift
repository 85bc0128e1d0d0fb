import ConfigLoading
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one long-lived service until SIGTERM or SIGINT, which trigger a graceful shutdown.
public enum DaemonLauncher {
    /// Runs `service` in a `ServiceGroup` with graceful shutdown on SIGTERM and SIGINT. With `mayFinish`, the
    /// service returning by itself (a run with a set duration) is a normal end rather than a failure.
    public static func run(_ service: some Service, logger: Logger, mayFinish: Bool = false) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(
                        service: service,
                        successTerminationBehavior: mayFinish ? .gracefullyShutdownGroup : .cancelGroup
                    )
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    /// Prints a configuration error as one line on stderr, prefixed by the program name.
    public static func report(_ error: ConfigError, program: String) {
        report("configuration error: \(error.description)", program: program)
    }

    /// Prints `message` as one line on stderr, prefixed by the program name: how a command-line tool reports why it
    /// failed.
    public static func report(_ message: String, program: String) {
        let line = Array("\(program): \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
