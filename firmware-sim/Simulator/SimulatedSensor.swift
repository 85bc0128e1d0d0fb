/// The sensors of a simulated machine; the raw value is the topic level in `sensors/{device}/{sensor}`.
public enum SimulatedSensor: String, Sendable, Hashable, CaseIterable {
    /// 3-axis accelerometer, axes `x`, `y`, `z`, in g.
    case vibration
    /// Temperature, axis `v`, in °C.
    case temperature
    /// Motor current, axis `v`, in A RMS.
    case current

    /// The axis names of the sensor's frames.
    public var axes: [String] {
        self == .vibration ? ["x", "y", "z"] : ["v"]
    }
}
