/// What the reassembler did with one frame.
public enum FrameOutcome: Sendable, Hashable {
    /// The samples went into the stream and completed `windows` windows; `gap` when the stream restarted at this
    /// frame because it began later than the previous frame ended.
    case accepted(windows: Int, gap: Bool)
    /// The frame was dropped, for this reason.
    case dropped(FrameDropReason)
}

/// Why a frame was dropped; every reason has a counter in ``SensorPipelineCounters``.
public enum FrameDropReason: String, Sendable, Hashable, CaseIterable {
    /// Another sensor of the device than the pipeline reads.
    case otherSensor = "other_sensor"
    /// Not a sensor frame: `SensorFrame.decode` refused the payload.
    case undecodable
    /// The frame's rate differs from the pipeline's by more than 1 ppm.
    case sampleRateMismatch = "sample_rate_mismatch"
    /// The frame lacks an axis the pipeline reads.
    case wrongAxes = "wrong_axes"
    /// The frame has the `ts` of the last accepted frame of its stream.
    case duplicate
    /// The frame starts before the last accepted frame ended (an older frame, or one overlapping it).
    case outOfOrder = "out_of_order"
    /// The feature stream refused the samples.
    case refused
}
