import Logging
import MQTTTransport

extension MQTTClient {
    /// Connects, retrying with capped exponential backoff (0.5 s doubling to 30 s) while the broker is unreachable,
    /// so that a daemon started before its broker waits instead of exiting. Each failure is logged.
    /// - Throws: `CancellationError` when the task is cancelled (shutdown) before a connection was made, and
    ///   `MQTTError` when the broker refuses the connection (bad credentials are not fixed by retrying).
    public func connectRetrying(logger: Logger) async throws {
        var delay = Duration.milliseconds(500)
        while true {
            do {
                try await connect()
                logger.info(
                    "connected to broker",
                    metadata: ["mqtt.host": "\(configuration.host)", "mqtt.port": "\(configuration.port)"]
                )
                return
            } catch  where error.code == .connectionRefused {
                throw error
            } catch {
                logger.warning("broker unreachable, retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(30))
        }
    }
}
