import WireProtocol

/// Everything one simulated device produced for one frame period, before any delivery fault.
public struct DeviceFrames: Sendable {
    /// The device.
    public let device: DeviceID
    /// Index of the frame period, 0 for the first.
    public let frameIndex: Int
    /// Simulated seconds from the start of the run to the start of the period.
    public let time: Double
    /// Axes `x`, `y`, `z`, in g; nil when the sensor is dead.
    public let vibration: SensorFrame?
    /// Axis `v`, in °C; nil when no sample fell due in the period or the sensor is dead.
    public let temperature: SensorFrame?
    /// Axis `v`, in A RMS; nil when no sample fell due in the period or the sensor is dead.
    public let current: SensorFrame?
    /// The new ground truth when the state changed with this frame (and with the first frame), else nil.
    public let label: GroundTruthLabel?

    /// The frame of `sensor`, if there is one this period.
    public func frame(of sensor: SimulatedSensor) -> SensorFrame? {
        switch sensor {
        case .vibration: return vibration
        case .temperature: return temperature
        case .current: return current
        }
    }
}
