import SignalFeatures
import WireProtocol

/// The pure part of the edge's sensor pipeline: takes sensor payloads as they arrive, one stream per device and
/// sensor, and turns them into feature vectors, with no I/O and no clock (time is the frames' own `ts`).
///
/// Frames of a stream must follow each other: a frame is continuous when its `ts` is within the gap tolerance of
/// where the previous accepted frame ended (`ts + samples·1000/hz`). Then:
/// - a frame of another sensor, an undecodable payload, another sample rate (beyond 1 ppm) or a frame lacking a
///   configured axis is dropped;
/// - a frame with the `ts` of the last accepted frame is a duplicate and dropped;
/// - a frame starting before the last one ended (older, or overlapping it) is out of order and dropped; there is
///   no reordering buffer, so after 1, 3, 2 frame 3 opens a gap and frame 2 is dropped;
/// - a frame more than ``rewindLimit`` before the last one's end means the sender's clock went back (a reboot, a
///   corrected clock, one bogus frame from the future): the stream restarts there, as at a gap, and it is counted
///   as a rewind, so that one wrong timestamp cannot make every later frame "out of order";
/// - a frame starting later than the previous one ended is a gap: the stream's window and filter state restart
///   at this frame, so no window spans missing samples.
/// Every outcome is counted in ``counters``. Extra axes in a frame are ignored.
///
/// Not `Sendable`: it owns the streams' scratch memory; the runtime keeps it behind a lock.
public struct SensorReassembler {
    /// How far back a frame may start before it counts as the sender's clock going back rather than out of order.
    public static let rewindLimit = Duration.seconds(10)

    /// The pipeline in use.
    public private(set) var config: FeaturePipelineConfig
    /// 0 at the start, +1 at every ``replace(config:)``; carried by every vector.
    public private(set) var generation = 0
    /// What happened to every frame so far.
    public private(set) var counters = SensorPipelineCounters()

    private let gapToleranceMs: Double
    private static let rewindLimitMs = milliseconds(rewindLimit)
    private var streams: [StreamKey: StreamState] = [:]
    /// The configured axes of the current frame, axis after axis.
    private var block: [Float] = []

    /// A reassembler for `config`.
    /// - Throws: `.invalidConfig` when `config` does not validate.
    public init(config: FeaturePipelineConfig, gapTolerance: Duration) throws(FeatureError) {
        try config.validate()
        self.config = config
        gapToleranceMs = Self.milliseconds(gapTolerance)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
    }

    /// Switches to another pipeline (a new model's): every stream starts afresh and later vectors carry the next
    /// ``generation``.
    /// - Throws: `.invalidConfig` when `config` does not validate; the current pipeline then stays.
    public mutating func replace(config: FeaturePipelineConfig) throws(FeatureError) {
        try config.validate()
        self.config = config
        streams.removeAll()
        generation += 1
        counters.pipelineReplacements += 1
    }

    /// Takes the payload of a message on `sensors/{device}/{sensor}` and hands every vector it completes to `emit`.
    public mutating func accept(
        payload: [UInt8],
        device: DeviceID,
        sensor: String,
        emit: (FeatureVector) -> Void
    ) -> FrameOutcome {
        let outcome: FrameOutcome
        if sensor != config.sensor {
            outcome = .dropped(.otherSensor)
        } else if let frame = try? SensorFrame.decode(payload) {
            outcome = accept(frame, key: StreamKey(device: device, sensor: sensor), emit: emit)
        } else {
            outcome = .dropped(.undecodable)
        }
        counters.count(outcome)
        return outcome
    }

    /// Counts vectors the consumer could not take.
    public mutating func countDroppedVectors(_ count: UInt64) {
        counters.vectorsDropped += count
    }

    private mutating func accept(_ frame: SensorFrame, key: StreamKey, emit: (FeatureVector) -> Void) -> FrameOutcome {
        guard abs(frame.hz - config.sampleRateHz) <= 1e-6 * config.sampleRateHz else {
            return .dropped(.sampleRateMismatch)
        }
        block.removeAll(keepingCapacity: true)
        for axis in config.axes {
            guard let samples = frame.samples(of: axis) else { return .dropped(.wrongAxes) }
            block += samples
        }

        let state: StreamState
        var gap = false
        if let existing = streams[key] {
            state = existing
            let start = Double(frame.ts)
            if frame.ts == state.lastTs { return .dropped(.duplicate) }
            let rewound = start < state.endMs - Self.rewindLimitMs
            if start < state.endMs - gapToleranceMs && !rewound { return .dropped(.outOfOrder) }
            if rewound { counters.rewinds += 1 }
            if rewound || start > state.endMs + gapToleranceMs {
                gap = true
                state.features.reset()
                state.startTs = frame.ts
            }
        } else {
            guard let features = try? FeatureStream(config: config) else { return .dropped(.refused) }
            state = StreamState(features: features, startTs: frame.ts)
            streams[key] = state
        }

        var windows = 0
        let millisecondsPerSample = 1000 / config.sampleRateHz
        let generation = generation
        do {
            try block.withUnsafeBufferPointer { (block) throws(FeatureError) in
                try state.features.append(block, axisCount: config.axes.count, sampleRateHz: frame.hz) {
                    first,
                    values in
                    windows += 1
                    emit(
                        FeatureVector(
                            device: key.device,
                            sensor: key.sensor,
                            windowStartMs: state.startTs + Int64((Double(first) * millisecondsPerSample).rounded()),
                            pipelineGeneration: generation,
                            values: Array(values)
                        )
                    )
                }
            }
        } catch {
            return .dropped(.refused)
        }
        counters.vectors += UInt64(windows)
        state.lastTs = frame.ts
        state.endMs = Double(frame.ts) + Double(frame.sampleCount) * millisecondsPerSample
        return .accepted(windows: windows, gap: gap)
    }
}

/// One device's sensor.
private struct StreamKey: Hashable {
    let device: DeviceID
    let sensor: String
}

/// The state of one stream: its features and where it stands in time.
private final class StreamState {
    let features: FeatureStream
    /// `ts` of the stream's first sample since the last restart; window timestamps count from it.
    var startTs: Int64
    /// `ts` of the last accepted frame, and where it ended (ms, fractional).
    var lastTs: Int64
    var endMs: Double

    init(features: FeatureStream, startTs: Int64) {
        self.features = features
        self.startTs = startTs
        lastTs = startTs
        endMs = Double(startTs)
    }
}
