/// The fixed physical parameters of one simulated rotating machine, drawn per device from its seed.
///
/// Vibration is in g from an AC-coupled accelerometer (no gravity offset), temperature in °C, current in A RMS.
/// The properties are variables so that tests and scenarios can pin one down (for example zero noise).
public struct MachineProfile: Sendable, Hashable {
    /// Range of shaft frequencies, Hz. Kept below 25 Hz so that the 2× harmonic (at most 48 Hz) stays under the
    /// Nyquist frequency of the default 100 Hz sample rate instead of folding onto it.
    public static let shaftFrequencyRange = 20.0...24.0
    /// Shaft rotation frequency, Hz: the 1× component.
    public var shaftFrequency: Double
    /// Amplitude of the 1× component on x, y, z, in g (before the state's gain).
    public var firstHarmonicAmplitude: SIMD3<Double>
    /// Amplitude of the 2× component on x, y, z, in g (before the state's gain).
    public var secondHarmonicAmplitude: SIMD3<Double>
    /// Phase of the 1× component on x, y, z, radians.
    public var firstHarmonicPhase: SIMD3<Double>
    /// Phase of the 2× component on x, y, z, radians.
    public var secondHarmonicPhase: SIMD3<Double>
    /// Standard deviation of the broadband vibration noise, g.
    public var vibrationNoise: Double
    /// Ambient temperature, °C.
    public var ambientTemperature: Double
    /// Steady-state rise above ambient when normal, °C.
    public var normalTemperatureRise: Double
    /// Time constant of the first-order thermal model, seconds.
    public var thermalTimeConstant: Double
    /// Standard deviation of the temperature reading, °C.
    public var temperatureNoise: Double
    /// Motor current when normal, A RMS.
    public var currentRMS: Double
    /// Depth of the current's modulation at the shaft frequency, as a fraction of the RMS value.
    public var currentModulation: Double
    /// Standard deviation of the current reading, A.
    public var currentNoise: Double

    /// A machine drawn from `seed`: the same seed always gives the same machine.
    public init(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        shaftFrequency = random.uniform(in: Self.shaftFrequencyRange)
        let axisWeights = SIMD3<Double>(1.0, 0.8, 0.45)
        firstHarmonicAmplitude = 0.12 * axisWeights * Self.spread(&random)
        secondHarmonicAmplitude = 0.035 * axisWeights * Self.spread(&random)
        firstHarmonicPhase = Self.phases(&random)
        secondHarmonicPhase = Self.phases(&random)
        vibrationNoise = random.uniform(in: 0.015...0.025)
        ambientTemperature = random.uniform(in: 20...28)
        normalTemperatureRise = random.uniform(in: 12...18)
        thermalTimeConstant = random.uniform(in: 90...150)
        temperatureNoise = 0.05
        currentRMS = random.uniform(in: 8...12)
        currentModulation = random.uniform(in: 0.01...0.03)
        currentNoise = 0.05
    }

    /// Steady-state temperature in `state`, °C.
    public func equilibriumTemperature(in state: MachineState) -> Double {
        ambientTemperature + normalTemperatureRise + state.extraHeating
    }

    /// Mean motor current in `state`, A RMS.
    public func meanCurrent(in state: MachineState) -> Double {
        currentRMS * state.currentGain
    }

    /// Per-axis factors in [0.8, 1.2].
    private static func spread(_ random: inout Xoshiro256) -> SIMD3<Double> {
        SIMD3(random.uniform(in: 0.8...1.2), random.uniform(in: 0.8...1.2), random.uniform(in: 0.8...1.2))
    }

    /// Per-axis phases in [0, 2π].
    private static func phases(_ random: inout Xoshiro256) -> SIMD3<Double> {
        let turn = 0.0...(2 * Double.pi)
        return SIMD3(random.uniform(in: turn), random.uniform(in: turn), random.uniform(in: turn))
    }
}
