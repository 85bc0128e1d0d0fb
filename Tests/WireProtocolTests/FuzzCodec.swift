import WireProtocol
import ZlibCompression

/// Every decoder, with valid payloads to mutate, for the fuzz tests.
enum FuzzCodec: String, CaseIterable, Sendable {
    case sensorFrameBinary
    case sensorFrameJSON
    case deviceStatus
    case deviceEvent
    case desiredState
    case command
    case artifactRequest
    case artifactChunk
    case federatedRound
    case federatedUpdate
    case telemetryBatch
    /// The telemetry body, mutated before compression so that the damage reaches the body parser.
    case telemetryBody

    /// What decoding some bytes gave.
    enum Outcome: Hashable {
        /// Decoded, and encoding the value again decodes to the same value.
        case stable
        /// Decoded, but the value did not survive its own round trip.
        case unstable
        case rejected(WireError.Code)
    }

    var validPayloads: [[UInt8]] {
        switch self {
        case .sensorFrameBinary: return [0, 1, 3].map { Fixtures.frames[$0].encode() }
        case .sensorFrameJSON: return [0, 1, 3].map { Fixtures.frames[$0].encodeJSON() }
        case .deviceStatus: return Fixtures.statuses.map { $0.encode() }
        case .deviceEvent: return Fixtures.events.map { $0.encode() }
        case .desiredState: return Fixtures.desiredStates.map { $0.encode() }
        case .command: return Fixtures.commands.map { $0.encode() }
        case .artifactRequest: return Fixtures.artifactRequests.map { $0.encode() }
        case .artifactChunk: return Fixtures.artifactChunks.map { $0.encode() }
        case .federatedRound: return Fixtures.rounds.map { $0.encode() }
        case .federatedUpdate: return Fixtures.updates.map { $0.encode() }
        case .telemetryBatch: return Self.smallBatches.map { $0.encode() }
        case .telemetryBody:
            return Self.smallBatches.map { try! Zlib.decompress($0.encode().dropFirst(8), maxOutputBytes: 1 << 20) }
        }
    }

    private static let smallBatches = [
        Fixtures.batches[0], try! TelemetryBatch(device: Fixtures.device, records: Fixtures.mixedRecords(count: 8)),
    ]

    var isJSON: Bool {
        switch self {
        case .deviceStatus, .deviceEvent, .desiredState, .command, .artifactRequest, .sensorFrameJSON, .federatedRound:
            return true
        case .sensorFrameBinary, .artifactChunk, .telemetryBatch, .telemetryBody, .federatedUpdate: return false
        }
    }

    /// Decodes `bytes` and, when that works, checks the value's own round trip.
    func outcome(_ bytes: [UInt8]) -> Outcome {
        do throws(WireError) {
            switch self {
            case .sensorFrameBinary, .sensorFrameJSON:
                let frame = try SensorFrame.decode(bytes)
                let fromBinary = try SensorFrame.decode(frame.encode())
                let fromJSON = try SensorFrame.decode(frame.encodeJSON())
                return fromBinary == frame && fromJSON == frame ? .stable : .unstable
            case .deviceStatus: return try Self.stability(DeviceStatus.decode(bytes))
            case .deviceEvent: return try Self.stability(DeviceEvent.decode(bytes))
            case .desiredState: return try Self.stability(DesiredState.decode(bytes))
            case .command: return try Self.stability(Command.decode(bytes))
            case .artifactRequest: return try Self.stability(ArtifactRequest.decode(bytes))
            case .artifactChunk: return try Self.stability(ArtifactChunk.decode(bytes))
            case .federatedRound: return try Self.stability(FederatedRound.decode(bytes))
            case .federatedUpdate: return try Self.stability(FederatedUpdate.decode(bytes))
            case .telemetryBatch: return try Self.stability(TelemetryBatch.decode(bytes))
            case .telemetryBody:
                var batch = Array("TB1".utf8) + [1]
                batch += withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) }
                batch += try! Zlib.compress(bytes)
                return try Self.stability(TelemetryBatch.decode(batch))
            }
        } catch {
            return .rejected(error.code)
        }
    }

    private static func stability<Message: WireMessage>(_ message: Message) throws(WireError) -> Outcome {
        try Message.decode(message.encode()) == message ? .stable : .unstable
    }
}
