/// The ranges a scenario group draws its machines' main parameters from; the rest of a ``MachineProfile`` is drawn
/// from fixed, realistic ranges.
public struct ProfileRanges: Sendable, Hashable {
    /// Shaft rotation frequency at nominal speed, Hz.
    public var shaftFrequency: ClosedRange<Double>
    /// Operating load, a fraction of the motor's rating.
    public var load: ClosedRange<Double>
    /// Standard deviation of the broadband vibration noise, g.
    public var vibrationNoise: ClosedRange<Double>
    /// Ambient temperature, °C.
    public var ambientTemperature: ClosedRange<Double>

    /// The ranges; the defaults are a small 4-pole motor on a 50 Hz drive.
    public init(
        shaftFrequency: ClosedRange<Double> = 20...24,
        load: ClosedRange<Double> = 0.5...0.9,
        vibrationNoise: ClosedRange<Double> = 0.015...0.025,
        ambientTemperature: ClosedRange<Double> = 20...28
    ) {
        self.shaftFrequency = shaftFrequency
        self.load = load
        self.vibrationNoise = vibrationNoise
        self.ambientTemperature = ambientTemperature
    }
}
