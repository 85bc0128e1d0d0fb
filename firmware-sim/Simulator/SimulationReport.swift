/// What a run published, counted when the MQTT client confirmed each message (written for QoS 0, PUBACK for QoS 1).
public struct SimulationReport: Sendable, Hashable {
    /// Frame periods simulated, per device.
    public var frameTicks = 0
    /// Sensor frames written to the broker.
    public var framesPublished = 0
    /// Ground-truth labels acknowledged by the broker.
    public var labelsPublished = 0
    /// Messages the client reported as failed (broker rejection, or still pending at disconnect).
    public var failed = 0
    /// Sensor frames skipped because the connection was down (QoS 0 is not queued offline).
    public var dropped = 0
    /// True when the run reached its duration, false when it was cancelled first or has no end.
    public var completed = false

    /// An empty report.
    public init() {}
}
