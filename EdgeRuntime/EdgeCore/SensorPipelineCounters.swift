import SignalFeatures

/// What the sensor pipeline did with the frames it got, for `edge status` and tests.
public struct SensorPipelineCounters: Sendable, Hashable {
    /// Frames whose samples went into a window.
    public var framesAccepted: UInt64 = 0
    /// Frames of another sensor of this device, ignored without a log line.
    public var framesOtherSensor: UInt64 = 0
    /// Payloads that are not a sensor frame (JSON or binary) or break its rules.
    public var framesUndecodable: UInt64 = 0
    /// Frames at another sample rate than the pipeline's.
    public var framesSampleRateMismatch: UInt64 = 0
    /// Frames lacking an axis the pipeline reads.
    public var framesWrongAxes: UInt64 = 0
    /// Frames with the `ts` of the last accepted frame.
    public var framesDuplicate: UInt64 = 0
    /// Frames starting before the end of the last accepted frame (older or overlapping).
    public var framesOutOfOrder: UInt64 = 0
    /// Frames the feature stream refused (non-finite samples and the like; normally caught by decoding).
    public var framesRefused: UInt64 = 0
    /// Discontinuities: a frame starting later than the previous one ended, beyond the tolerance; the window
    /// restarted there.
    public var gaps: UInt64 = 0
    /// Of the gaps, those where a frame started more than `SensorReassembler.rewindLimit` before the previous one
    /// ended: the sender's clock went back.
    public var rewinds: UInt64 = 0
    /// Feature vectors produced.
    public var vectors: UInt64 = 0
    /// Vectors dropped because the consumer did not keep up.
    public var vectorsDropped: UInt64 = 0
    /// Pipeline replacements.
    public var pipelineReplacements: UInt64 = 0
    /// Ground-truth labels taken (`sensors/{device}/label`).
    public var labels: UInt64 = 0
    /// Label messages refused: undecodable, or older than the label already known.
    public var labelsRejected: UInt64 = 0
    /// Vectors that carried a ground-truth label.
    public var vectorsLabelled: UInt64 = 0

    /// All zero.
    public init() {}

    /// The counters by name, in a fixed order, as `edge status` prints and the state store saves them.
    public var named: [(name: String, value: UInt64)] {
        [
            ("frames_accepted", framesAccepted), ("frames_other_sensor", framesOtherSensor),
            ("frames_undecodable", framesUndecodable), ("frames_sample_rate_mismatch", framesSampleRateMismatch),
            ("frames_wrong_axes", framesWrongAxes), ("frames_duplicate", framesDuplicate),
            ("frames_out_of_order", framesOutOfOrder), ("frames_refused", framesRefused), ("gaps", gaps),
            ("rewinds", rewinds),
            ("vectors", vectors), ("vectors_dropped", vectorsDropped), ("pipeline_replacements", pipelineReplacements),
            ("labels", labels), ("labels_rejected", labelsRejected), ("vectors_labelled", vectorsLabelled),
        ]
    }

    /// Counts a frame's fate.
    mutating func count(_ outcome: FrameOutcome) {
        switch outcome {
        case .accepted(_, let gap):
            framesAccepted += 1
            if gap { gaps += 1 }
        case .dropped(.otherSensor): framesOtherSensor += 1
        case .dropped(.undecodable): framesUndecodable += 1
        case .dropped(.sampleRateMismatch): framesSampleRateMismatch += 1
        case .dropped(.wrongAxes): framesWrongAxes += 1
        case .dropped(.duplicate): framesDuplicate += 1
        case .dropped(.outOfOrder): framesOutOfOrder += 1
        case .dropped(.refused): framesRefused += 1
        }
    }
}
