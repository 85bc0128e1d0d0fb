import WireProtocol

/// One simulated sensor node: a ``VibrationModel``, an optional scheduled fault, and the frames it emits.
public struct SimulatedDevice: Sendable {
    /// The device id, `sim-0000` style.
    public let id: DeviceID
    /// The scheduled fault, nil for a machine that stays healthy.
    public let faultOnset: FaultOnset?
    /// The signal model, in its current state.
    public private(set) var model: VibrationModel
    /// Frames generated so far.
    public private(set) var frameIndex = 0
    private let startTimestamp: Int64
    private var block: SampleBlock
    private var labelledState: MachineState?

    /// A device emitting frames of `samplesPerFrame` samples, the first one stamped `startTimestamp`.
    public init(
        id: DeviceID,
        model: VibrationModel,
        samplesPerFrame: Int,
        faultOnset: FaultOnset?,
        startTimestamp: Int64
    ) {
        self.id = id
        self.model = model
        self.faultOnset = faultOnset
        self.startTimestamp = startTimestamp
        block = SampleBlock(count: samplesPerFrame)
    }

    /// Unix milliseconds of the first sample of frame `index`, from the simulated clock.
    public func timestamp(ofFrame index: Int) -> Int64 {
        let offset = Double(index) * Double(block.count) * 1_000 / model.sampleRate
        return startTimestamp + Int64(offset.rounded())
    }

    /// Generates the next frame of every sensor, switching to the fault first if it is due, and a label when the
    /// state changed (always with the first frame).
    ///
    /// - Throws: `WireError` only if a frame breaks the wire rules, which valid ``SimulationSettings`` and a
    ///   non-negative start timestamp exclude.
    public mutating func nextFrames() throws(WireError) -> DeviceFrames {
        if let faultOnset, frameIndex >= faultOnset.frame { model.state = faultOnset.state }
        model.generate(into: &block)
        let ts = timestamp(ofFrame: frameIndex)
        let hz = model.sampleRate
        var label: GroundTruthLabel?
        if labelledState != model.state {
            labelledState = model.state
            label = GroundTruthLabel(state: model.state, ts: ts)
        }
        frameIndex += 1
        return DeviceFrames(
            device: id,
            vibration: try SensorFrame(
                ts: ts,
                hz: hz,
                axes: [
                    .init(name: "x", samples: block.x), .init(name: "y", samples: block.y),
                    .init(name: "z", samples: block.z),
                ]
            ),
            temperature: try SensorFrame(ts: ts, hz: hz, axes: [.init(name: "v", samples: block.temperature)]),
            current: try SensorFrame(ts: ts, hz: hz, axes: [.init(name: "v", samples: block.current)]),
            label: label
        )
    }
}
