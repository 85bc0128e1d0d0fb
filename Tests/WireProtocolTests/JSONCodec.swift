import WireProtocol

/// The JSON messages, to parameterise tests over them.
enum JSONCodec: String, CaseIterable, Sendable {
    case status
    case event
    case desired
    case command

    var maxBytes: Int {
        switch self {
        case .status: return DeviceStatus.maxEncodedBytes
        case .event: return DeviceEvent.maxEncodedBytes
        case .desired: return DesiredState.maxEncodedBytes
        case .command: return Command.maxEncodedBytes
        }
    }

    /// The code of the error decoding `bytes` throws, or nil when it decodes.
    func code(decoding bytes: [UInt8]) -> WireError.Code? {
        switch self {
        case .status: return wireErrorCode { () throws(WireError) in try DeviceStatus.decode(bytes) }
        case .event: return wireErrorCode { () throws(WireError) in try DeviceEvent.decode(bytes) }
        case .desired: return wireErrorCode { () throws(WireError) in try DesiredState.decode(bytes) }
        case .command: return wireErrorCode { () throws(WireError) in try Command.decode(bytes) }
        }
    }
}
