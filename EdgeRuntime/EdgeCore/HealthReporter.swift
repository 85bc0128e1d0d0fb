import DaemonSupport
import Logging
import WireProtocol

/// Records a `health` telemetry record every `interval`: CPU cores used since the last one, resident memory,
/// inference latency percentiles, errors since start and the outbox depth.
struct HealthReporter: Sendable {
    let interval: Duration
    let health: RuntimeHealth
    let outbox: TelemetryOutbox
    let logger: Logger

    /// Reports until the task is cancelled.
    func run() async {
        var last = (resources: ProcessResources.now(), at: ContinuousClock.now)
        while (try? await Task.sleep(for: interval)) != nil {
            let now = (resources: ProcessResources.now(), at: ContinuousClock.now)
            do {
                try outbox.record([.health(try sample(since: last, now: now))])
            } catch {
                health.recordError()
                logger.error("could not record health", metadata: ["error": "\(error)"])
            }
            last = now
        }
    }

    private func sample(
        since last: (resources: ProcessResources, at: ContinuousClock.Instant),
        now: (resources: ProcessResources, at: ContinuousClock.Instant)
    ) throws -> TelemetryPayload.Health {
        let latency = health.latencyPercentiles()
        return TelemetryPayload.Health(
            cpuFraction: Float(now.resources.cores(since: last.resources, over: now.at - last.at)),
            memoryBytes: now.resources.residentBytes,
            inferenceLatencyP50Micros: latency.p50,
            inferenceLatencyP99Micros: latency.p99,
            errorCount: UInt32(clamping: health.errorCount),
            outboxDepth: UInt64(try outbox.depth())
        )
    }
}
