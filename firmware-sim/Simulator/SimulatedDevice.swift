import WireProtocol

/// One simulated sensor node: a ``VibrationModel``, its state schedule, its drifts, and the frames it emits.
public struct SimulatedDevice: Sendable {
    /// A state the machine enters at a frame.
    public struct ScheduledState: Sendable, Hashable {
        /// Index of the first frame generated in ``state``.
        public let frame: Int
        /// The state.
        public let state: MachineState

        /// Entering `state` at frame `frame`.
        public init(frame: Int, state: MachineState) {
            self.frame = frame
            self.state = state
        }
    }

    /// The device id.
    public let id: DeviceID
    /// State changes in frame order; before the first the machine is normal.
    public let schedule: [ScheduledState]
    /// The signal model, in its current state.
    public private(set) var model: VibrationModel
    /// Frames generated so far.
    public private(set) var frameIndex = 0
    private let startTimestamp: Int64
    private let speedDrifts: [DriftSpec]
    private var drifts: SensorDrifts
    private var block: SampleBlock
    private var labelledState: MachineState?

    /// A device emitting frames of `samplesPerFrame` vibration samples, the first one stamped `startTimestamp`
    /// (Unix milliseconds); `driftSeed` seeds the drifts' own noise.
    public init(
        id: DeviceID,
        model: VibrationModel,
        samplesPerFrame: Int,
        schedule: [ScheduledState] = [],
        drifts: [DriftSpec] = [],
        driftSeed: UInt64 = 0,
        startTimestamp: Int64
    ) {
        self.id = id
        self.model = model
        self.schedule = schedule.sorted { $0.frame < $1.frame }
        self.startTimestamp = startTimestamp
        speedDrifts = drifts.filter { $0.kind == .speed }
        self.drifts = SensorDrifts(drifts, seed: driftSeed)
        block = SampleBlock(count: samplesPerFrame)
    }

    /// Simulated seconds from the start to frame `index`.
    public func time(ofFrame index: Int) -> Double {
        Double(index * block.count) / model.sampleRate
    }

    /// Unix milliseconds of the sample with index `index` at `rate`.
    private func timestamp(ofSample index: Int, rate: Double) -> Int64 {
        startTimestamp + Int64((Double(index) * 1_000 / rate).rounded())
    }

    /// Unix milliseconds of the first sample of frame `index`, from the simulated clock.
    public func timestamp(ofFrame index: Int) -> Int64 {
        timestamp(ofSample: index * block.count, rate: model.sampleRate)
    }

    /// Generates the next frame of every sensor, entering the scheduled state first if one is due, and a label
    /// when the state changed (always with the first frame).
    ///
    /// - Throws: `WireError` only if a frame breaks the wire rules, which valid ``SimulationSettings`` and a
    ///   non-negative start timestamp exclude.
    public mutating func nextFrames() throws(WireError) -> DeviceFrames {
        let time = time(ofFrame: frameIndex)
        if let due = schedule.last(where: { $0.frame <= frameIndex }) { model.state = due.state }
        model.speedFactor = speedDrifts.reduce(1) { $0 * (1 + ($1.magnitude - 1) * $1.progress(at: time)) }
        model.generate(into: &block)
        var label: GroundTruthLabel?
        if labelledState != model.state {
            labelledState = model.state
            label = GroundTruthLabel(state: model.state, ts: timestamp(ofFrame: frameIndex))
        }
        let frames = DeviceFrames(
            device: id,
            frameIndex: frameIndex,
            time: time,
            vibration: try frame(
                .vibration,
                [("x", block.x), ("y", block.y), ("z", block.z)],
                block.firstVibrationIndex,
                time
            ),
            temperature: try frame(.temperature, [("v", block.temperature)], block.firstTemperatureIndex, time),
            current: try frame(.current, [("v", block.current)], block.firstCurrentIndex, time),
            label: label
        )
        frameIndex += 1
        return frames
    }

    /// The frame of `sensor` from `axes` whose first sample has index `first`, with the drifts applied; nil when
    /// the sensor has no samples this period or is dead.
    private mutating func frame(
        _ sensor: SimulatedSensor,
        _ axes: [(String, [Float])],
        _ first: Int,
        _ time: Double
    ) throws(WireError) -> SensorFrame? {
        guard let count = axes.first?.1.count, count > 0, !drifts.isDead(sensor, at: time) else { return nil }
        let rate = model.rates.rate(of: sensor)
        var drifted: [SensorFrame.Axis] = []
        for (name, samples) in axes {
            var samples = samples
            drifts.apply(to: &samples, sensor: sensor, axis: name, first: first, rate: rate)
            drifted.append(SensorFrame.Axis(name: name, samples: samples))
        }
        return try SensorFrame(ts: timestamp(ofSample: first, rate: rate), hz: rate, axes: drifted)
    }
}
