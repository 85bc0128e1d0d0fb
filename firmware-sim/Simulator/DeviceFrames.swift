import WireProtocol

/// Everything one simulated device emits for one frame period.
public struct DeviceFrames: Sendable {
    /// The device.
    public let device: DeviceID
    /// Axes `x`, `y`, `z`, in g.
    public let vibration: SensorFrame
    /// Axis `v`, in °C.
    public let temperature: SensorFrame
    /// Axis `v`, in A RMS.
    public let current: SensorFrame
    /// The new ground truth when the condition changed with this frame (and with the first frame), else nil.
    public let label: GroundTruthLabel?

    /// The frame of `sensor`.
    public func frame(of sensor: SimulatedSensor) -> SensorFrame {
        switch sensor {
        case .vibration: return vibration
        case .temperature: return temperature
        case .current: return current
        }
    }
}
