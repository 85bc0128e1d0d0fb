/// The per-device topics under `{prefix}/{device}/`; the raw value is the path after the device level.
public enum DeviceTopic: String, Sendable, Hashable, CaseIterable {
    /// Device status, edge → hub, retained.
    case status
    /// Telemetry batches, edge → hub.
    case telemetry
    /// Confirmations of stored telemetry, hub → edge.
    case telemetryAck = "telemetry/ack"
    /// Events and command answers, edge → hub.
    case events
    /// Desired state, hub → edge, retained.
    case desired
    /// Commands, hub → edge.
    case command = "cmd"
    /// Artifact chunk requests, edge → hub.
    case artifactGet = "artifact/get"
    /// Artifact chunks, hub → edge.
    case artifactChunk = "artifact/chunk"
    /// Federated-learning updates, edge → hub.
    case flUpdate = "fl/update"

    /// True for the topics a device publishes and the hub subscribes to.
    public var isFromDevice: Bool {
        switch self {
        case .status, .telemetry, .events, .artifactGet, .flUpdate: return true
        case .desired, .command, .artifactChunk, .telemetryAck: return false
        }
    }
}
