import Logging
import ServiceLifecycle

/// A logger that drops everything: the daemons log every rejected payload, which the tests provoke on purpose.
let quietLogger = Logger(label: "daemon-tests") { _ in SwiftLogNoOpLogHandler() }

/// Runs `service` in its own `ServiceGroup` (no signal handling) while `body` runs, then triggers a graceful
/// shutdown and waits for the service to finish. Rethrows the error of `body` or of the group.
func whileRunning<Result>(
    _ service: some Service,
    _ body: () async throws -> Result
) async throws -> Result {
    let group = ServiceGroup(
        configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [], logger: quietLogger)
    )
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let result: Result
        do {
            result = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return result
    }
}
