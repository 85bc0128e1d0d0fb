/// The health check a new model must pass before an update commits it (RAUC's "mark good"): the updater reads the
/// slot's artifact back and checks it against its recorded SHA-256, then ``selfTest`` loads it and runs inference on
/// a self-test vector, returning the latency, which must stay within ``maxLatency``.
public struct UpdateHealthCheck: Sendable {
    /// The slowest self-test inference accepted.
    public let maxLatency: Duration
    /// Loads the artifact and runs inference on a self-test vector, returning the latency; throws when the model
    /// does not load or inference fails (the daemon uses `ModelHealthCheck`).
    public let selfTest: @Sendable (_ artifact: [UInt8]) throws -> Duration

    /// A check with a latency bound and the model's self-test.
    public init(maxLatency: Duration, selfTest: @escaping @Sendable (_ artifact: [UInt8]) throws -> Duration) {
        self.maxLatency = maxLatency
        self.selfTest = selfTest
    }
}
