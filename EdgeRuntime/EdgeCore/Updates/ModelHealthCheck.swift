/// The health check a new model must pass before it is committed (RAUC's "mark good"): the slot's artifact is read
/// back and checked against its recorded SHA-256 by the updater, then ``inference`` loads it and runs inference on a
/// self-test vector, returning the latency, which must stay within ``maxLatency``.
public struct ModelHealthCheck: Sendable {
    /// The slowest self-test inference accepted.
    public let maxLatency: Duration
    /// Loads the artifact and runs inference on a self-test vector, returning the latency; throws when the model
    /// does not load or inference fails. Nil until the runtime's model loading is wired in: the check is then the
    /// slot's SHA-256 alone.
    public let inference: (@Sendable (_ artifact: [UInt8]) throws -> Duration)?

    /// A check with a latency bound and the model's self-test.
    public init(maxLatency: Duration, inference: (@Sendable (_ artifact: [UInt8]) throws -> Duration)?) {
        self.maxLatency = maxLatency
        self.inference = inference
    }
}
