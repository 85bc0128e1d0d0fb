/// A gradual or sudden change of what a sensor reports, or of the machine's speed.
///
/// The drift is off before ``window``'s start, then grows linearly over ``ramp`` seconds to its full
/// ``magnitude`` (at once when the ramp is 0), and stops when the window ends.
public struct DriftSpec: Sendable, Hashable {
    /// What changes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Readings multiplied by a factor growing from 1 to the magnitude.
        case gain
        /// The magnitude (sensor units) added to the readings.
        case offset
        /// Gaussian noise of standard deviation up to the magnitude (sensor units) added.
        case noise
        /// The shaft frequency multiplied by a factor growing from 1 to the magnitude; every axis and sensor
        /// follows. `sensor` and `axis` do not apply.
        case speed
        /// The sensor repeats its last reading before the start (zero variance). No magnitude.
        case stuck
        /// The sensor sends no frames. No magnitude.
        case dead
    }

    /// What changes.
    public var kind: Kind
    /// The sensor affected (ignored for `speed`).
    public var sensor: SimulatedSensor
    /// The axis affected (`x`, `y`, `z`, or `v` for a scalar sensor); nil for all.
    public var axis: String?
    /// When the drift applies.
    public var window: TimeWindow
    /// Seconds to grow from nothing to the full magnitude.
    public var ramp: Double
    /// Full size: a factor for gain and speed, sensor units for offset and noise.
    public var magnitude: Double

    /// A drift of `kind` on `sensor` (and `axis`) during `window`.
    public init(
        kind: Kind,
        sensor: SimulatedSensor = .vibration,
        axis: String? = nil,
        window: TimeWindow = TimeWindow(),
        ramp: Double = 0,
        magnitude: Double = 1
    ) {
        self.kind = kind
        self.sensor = sensor
        self.axis = axis
        self.window = window
        self.ramp = ramp
        self.magnitude = magnitude
    }

    /// How far the drift has come at simulated second `time`, 0...1.
    public func progress(at time: Double) -> Double {
        guard window.contains(time) else { return 0 }
        guard ramp > 0 else { return 1 }
        return min(1, (time - window.start) / ramp)
    }

    /// Whether the drift touches `axis` of `sensor`.
    func applies(to sensor: SimulatedSensor, axis name: String) -> Bool {
        kind != .speed && self.sensor == sensor && (axis == nil || axis == name)
    }
}
