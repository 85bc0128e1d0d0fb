import Logging

/// The periodic progress line of a run: frames per second of clock time since the previous line.
struct Progress<Instant: InstantProtocol> where Instant.Duration == Duration {
    private var since: Instant
    private var framesAtLastLine = 0

    init(at start: Instant) {
        since = start
    }

    /// Logs a line when `interval` has passed since the last one.
    mutating func log(_ report: SimulationReport, now: Instant, every interval: Duration, logger: Logger) {
        let elapsed = since.duration(to: now)
        guard elapsed >= interval else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(report.framesPublished - framesAtLastLine) / seconds
        logger.info(
            "publishing",
            metadata: [
                "sim.frames_per_s": "\(Int(rate.rounded()))", "sim.frames": "\(report.framesPublished)",
                "sim.labels": "\(report.labelsPublished)", "sim.failed": "\(report.failed)",
                "sim.dropped": "\(report.dropped)",
            ]
        )
        since = now
        framesAtLastLine = report.framesPublished
    }
}
