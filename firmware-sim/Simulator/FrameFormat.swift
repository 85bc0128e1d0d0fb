import WireProtocol

/// The encoding of published sensor frames (DESIGN.md, "Sensor frame").
public enum FrameFormat: String, Sendable, Hashable, CaseIterable {
    /// `{"v":1,"ts":…,"hz":…,"axes":{…}}`, what real clients such as mosquitto_pub send.
    case json
    /// `SF1` little-endian binary, about a third of the JSON size and far cheaper to encode.
    case binary

    /// The payload of `frame` in this format.
    public func encode(_ frame: SensorFrame) -> [UInt8] {
        switch self {
        case .json: return frame.encodeJSON()
        case .binary: return frame.encode()
        }
    }
}
