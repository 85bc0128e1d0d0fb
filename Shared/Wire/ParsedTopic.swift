/// An incoming topic recognised by ``Topics/parse(_:)``, with its device id validated.
public enum ParsedTopic: Sendable, Hashable {
    /// `sensors/{device}/{sensor}`.
    case sensor(device: DeviceID, sensor: String)
    /// `{prefix}/{device}/{kind}`.
    case device(DeviceID, DeviceTopic)
    /// `{prefix}/fl/round`.
    case flRound

    /// The device the topic belongs to; nil for the fleet-wide round topic.
    public var device: DeviceID? {
        switch self {
        case .sensor(let device, _), .device(let device, _): return device
        case .flRound: return nil
        }
    }
}
