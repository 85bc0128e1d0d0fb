/// Decides which events (frame drops by reason, gaps) get a log line: the first of each kind, then at most one per
/// kind per interval, telling how many went unlogged meanwhile; so a broken sensor sending 1000 bad frames a second
/// costs one line per interval, not 1000. Pure: the caller passes the time.
public struct DropLogLimiter: Sendable {
    /// Shortest time between two lines of the same reason.
    public let interval: Duration
    private var lastLogged: [String: ContinuousClock.Instant] = [:]
    private var suppressed: [String: Int] = [:]

    /// A limiter allowing one line per kind per `interval`.
    public init(interval: Duration) {
        self.interval = interval
    }

    /// Whether an event of `kind` at `now` gets a line: nil if not, else how many events of that kind were not
    /// logged since its last line.
    public mutating func admit(_ kind: String, at now: ContinuousClock.Instant) -> Int? {
        if let last = lastLogged[kind], now - last < interval {
            suppressed[kind, default: 0] += 1
            return nil
        }
        lastLogged[kind] = now
        return suppressed.removeValue(forKey: kind) ?? 0
    }
}
