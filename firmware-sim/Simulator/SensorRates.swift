/// Sample rates of a machine's three sensors, Hz: the accelerometer samples fast, the current and temperature
/// sensors far slower, as their signals change slowly.
public struct SensorRates: Sendable, Hashable {
    /// Accelerometer rate (`--rate`); 1 kHz keeps bearing fault frequencies and the resonance below Nyquist.
    public var vibration: Double
    /// Temperature sensor rate.
    public var temperature: Double
    /// Current sensor rate (RMS readings).
    public var current: Double

    /// The rates; the defaults are 1000, 1 and 10 Hz.
    public init(vibration: Double = 1_000, temperature: Double = 1, current: Double = 10) {
        self.vibration = vibration
        self.temperature = temperature
        self.current = current
    }

    /// The rate of `sensor`.
    public func rate(of sensor: SimulatedSensor) -> Double {
        switch sensor {
        case .vibration: return vibration
        case .temperature: return temperature
        case .current: return current
        }
    }
}
