/// Faults of a device's link rather than its machine: what happens to its frames between the sensor and the
/// broker. Labels (ground truth) are never affected.
public struct DeliveryFaults: Sendable, Hashable {
    /// A fault that hits each frame with a probability while its window lasts.
    public struct RandomFault: Sendable, Hashable {
        /// Probability per frame, 0...1.
        public var rate: Double
        /// When the fault applies.
        public var window: TimeWindow

        /// A fault hitting `rate` of the frames during `window`.
        public init(rate: Double, window: TimeWindow = TimeWindow()) {
            self.rate = rate
            self.window = window
        }
    }

    /// A device clock that is off: from the window's start, timestamps are shifted by the offset plus a drift.
    public struct ClockSkew: Sendable, Hashable {
        /// Constant shift, milliseconds (may be negative; timestamps never go below 0).
        public var offsetMilliseconds: Double
        /// Drift of the clock, parts per million of the time since the window's start.
        public var partsPerMillion: Double
        /// When the skew applies.
        public var window: TimeWindow

        /// A skew of `offsetMilliseconds` plus `partsPerMillion` during `window`.
        public init(offsetMilliseconds: Double, partsPerMillion: Double = 0, window: TimeWindow = TimeWindow()) {
            self.offsetMilliseconds = offsetMilliseconds
            self.partsPerMillion = partsPerMillion
            self.window = window
        }

        /// Milliseconds added to a timestamp at simulated second `time`.
        public func shift(at time: Double) -> Double {
            guard window.contains(time) else { return 0 }
            return offsetMilliseconds + partsPerMillion * 1e-3 * (time - window.start)
        }
    }

    /// Periods offline: frames generated then are lost.
    public var disconnects: [TimeWindow]
    /// Periods of store and forward: frames generated then are held and sent together when the period ends.
    public var bursts: [TimeWindow]
    /// A wrong device clock.
    public var clockSkew: ClockSkew?
    /// Frames sent twice.
    public var duplicate: RandomFault?
    /// Frames sent after the next frame of the same sensor.
    public var outOfOrder: RandomFault?
    /// Frames whose payload is cut short, so that decoding fails.
    public var malformed: RandomFault?

    /// No faults unless given.
    public init(
        disconnects: [TimeWindow] = [],
        bursts: [TimeWindow] = [],
        clockSkew: ClockSkew? = nil,
        duplicate: RandomFault? = nil,
        outOfOrder: RandomFault? = nil,
        malformed: RandomFault? = nil
    ) {
        self.disconnects = disconnects
        self.bursts = bursts
        self.clockSkew = clockSkew
        self.duplicate = duplicate
        self.outOfOrder = outOfOrder
        self.malformed = malformed
    }
}
