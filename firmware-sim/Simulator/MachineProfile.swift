/// The fixed physical parameters of one simulated rotating machine, drawn per device from its seed.
///
/// Vibration is in g from an AC-coupled accelerometer (no gravity offset), temperature in °C, current in A RMS.
/// The properties are variables so that tests and scenarios can pin one down (for example zero noise).
public struct MachineProfile: Sendable, Hashable {
    /// Shaft rotation frequency at nominal speed, Hz: the 1× component.
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
    /// The bearing, which sets the fault frequencies.
    public var bearing: BearingGeometry
    /// Natural frequency of the structural resonance that bearing impacts excite, Hz (clamped to 0.4 × the sample
    /// rate by the model, so that it never folds).
    public var resonanceFrequency: Double
    /// Damping ratio of that resonance.
    public var resonanceDamping: Double
    /// Peak of the resonance's response to one bearing impact, g.
    public var impactAmplitude: Double
    /// How much of an impact reaches x, y, z.
    public var impactAxisWeights: SIMD3<Double>
    /// Operating load, a fraction of the rating: it sets the current, the slip and the heating.
    public var load: Double
    /// Ambient temperature, °C.
    public var ambientTemperature: Double
    /// Steady-state rise above ambient at full load, °C; at load L it is 0.3 + 0.7 L² of that (copper losses).
    public var ratedTemperatureRise: Double
    /// Time constant of the first-order thermal model, seconds.
    public var thermalTimeConstant: Double
    /// Standard deviation of the temperature reading, °C.
    public var temperatureNoise: Double
    /// Current at full load, A RMS.
    public var ratedCurrent: Double
    /// Magnetising current with no load, A RMS.
    public var noLoadCurrent: Double
    /// Slip at full load, a fraction of the synchronous speed; it scales with the load.
    public var ratedSlip: Double
    /// Pole pairs: the supply frequency is `polePairs × shaftFrequency / (1 − slip)`.
    public var polePairs: Int
    /// Depth of the current's beat at twice the slip frequency (rotor asymmetry), a fraction of its RMS value.
    public var slipBeatDepth: Double
    /// Standard deviation of the current reading, A.
    public var currentNoise: Double

    /// A machine drawn from `seed` within `ranges`: the same seed and ranges always give the same machine.
    public init(seed: UInt64, ranges: ProfileRanges = ProfileRanges()) {
        var random = Xoshiro256(seed: seed)
        shaftFrequency = random.uniform(in: ranges.shaftFrequency)
        let axisWeights = SIMD3<Double>(1.0, 0.8, 0.45)
        firstHarmonicAmplitude = 0.12 * axisWeights * Self.spread(&random)
        secondHarmonicAmplitude = 0.035 * axisWeights * Self.spread(&random)
        firstHarmonicPhase = Self.phases(&random)
        secondHarmonicPhase = Self.phases(&random)
        vibrationNoise = random.uniform(in: ranges.vibrationNoise)
        bearing = BearingGeometry(drawingFrom: &random)
        resonanceFrequency = random.uniform(in: 250...380)
        resonanceDamping = random.uniform(in: 0.06...0.1)
        impactAmplitude = random.uniform(in: 0.4...0.7)
        impactAxisWeights = SIMD3(0.6, 1.0, 0.5) * Self.spread(&random)
        load = random.uniform(in: ranges.load)
        ambientTemperature = random.uniform(in: ranges.ambientTemperature)
        ratedTemperatureRise = random.uniform(in: 20...30)
        thermalTimeConstant = random.uniform(in: 90...150)
        temperatureNoise = 0.05
        ratedCurrent = random.uniform(in: 8...12)
        noLoadCurrent = ratedCurrent * random.uniform(in: 0.3...0.4)
        ratedSlip = random.uniform(in: 0.02...0.05)
        polePairs = 2
        slipBeatDepth = random.uniform(in: 0.01...0.03)
        currentNoise = 0.05
    }

    /// Outer-race fault frequency at nominal speed, Hz.
    public var outerRaceFrequency: Double { bearing.outerRaceOrder * shaftFrequency }
    /// Inner-race fault frequency at nominal speed, Hz.
    public var innerRaceFrequency: Double { bearing.innerRaceOrder * shaftFrequency }

    /// Steady-state temperature in `state` at load `load`, °C.
    public func equilibriumTemperature(in state: MachineState, load: Double) -> Double {
        ambientTemperature + ratedTemperatureRise * (0.3 + 0.7 * load * load) + state.extraHeating
    }

    /// Mean motor current in `state` at load `load`, A RMS: the magnetising and the load current add in
    /// quadrature, and a fault makes the motor work harder.
    public func meanCurrent(in state: MachineState, load: Double) -> Double {
        let loadCurrent = load * (ratedCurrent * ratedCurrent - noLoadCurrent * noLoadCurrent).squareRoot()
        return (noLoadCurrent * noLoadCurrent + loadCurrent * loadCurrent).squareRoot() * state.currentGain
    }

    /// Twice the slip frequency at load `load` and shaft frequency `shaft`, Hz: the beat of the current's RMS.
    public func slipBeatFrequency(load: Double, shaft: Double) -> Double {
        let slip = ratedSlip * load
        return 2 * slip * Double(polePairs) * shaft / (1 - slip)
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
