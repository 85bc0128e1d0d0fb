/// How the runner spaces its frames in wall-clock time.
public enum Pacing: Sendable, Hashable {
    /// One frame period of wall-clock time per frame, like real sensors.
    case realTime
    /// As fast as the broker takes them (`--fast`), for load tests and quick runs.
    case fast
}
