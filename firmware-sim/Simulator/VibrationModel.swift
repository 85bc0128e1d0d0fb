#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal model of one rotating machine: pure, deterministic for a seed, no I/O and no clock.
///
/// Each vibration axis is `a1·sin(θ + p1) + a2·sin(2θ + p2) + w·r(t) + noise`, with θ the shaft angle, the
/// amplitudes of the ``MachineProfile`` times the gains of the ``state``, Gaussian noise, and `r(t)` a damped
/// resonance rung by bearing impacts when the state is a bearing fault: at BPFO with constant strength, or at BPFI
/// with a strength modulated at the shaft frequency. The temperature follows a first-order lag towards an
/// equilibrium set by the load and the fault; the current is an RMS reading tied to the load, beating at twice
/// the slip frequency.
public struct VibrationModel: Sendable {
    /// Depth of an inner-race defect's modulation at the shaft frequency.
    public static let innerRaceModulation = 0.5
    /// Random spread of the time between bearing impacts (slip of the rolling elements), a fraction of the period.
    public static let impactJitter = 0.005

    /// The machine being simulated.
    public let profile: MachineProfile
    /// Sample rates of the three sensors, Hz.
    public let rates: SensorRates
    /// The condition of the machine; takes effect from the next generated block.
    public var state: MachineState
    /// Operating speed relative to the nominal one (1 = ``MachineProfile/shaftFrequency``).
    public var speedFactor = 1.0
    /// The true temperature at the last temperature sample (without sensor noise), °C.
    public private(set) var temperature: Double
    /// Vibration samples generated so far, per axis.
    public private(set) var sampleIndex = 0
    /// Temperature samples generated so far.
    public private(set) var temperatureIndex = 0
    /// Current samples generated so far.
    public private(set) var currentIndex = 0
    /// Shaft angle at the next sample, radians in [0, 2π).
    private var shaftAngle = 0.0
    /// Phase of the current's slip beat, radians in [0, 2π).
    private var beatPhase = 0.0
    /// Simulated time of ``temperature``, seconds.
    private var thermalTime = 0.0
    /// The last two outputs of the resonance.
    private var resonance = SIMD2<Double>.zero
    /// Ideal sample position of the next bearing impact, on a grid of the impact period.
    private var scheduledImpact = -1.0
    /// Sample index of the next bearing impact, the ideal position plus jitter.
    private var impactAt = -1
    /// One noise stream per sensor, so that how samples are split into blocks never changes a sequence.
    private var noise: GaussianNoise
    private var temperatureNoise: GaussianNoise
    private var currentNoise: GaussianNoise

    /// The sample rate of the accelerometer, Hz.
    public var sampleRate: Double { rates.vibration }
    /// The shaft frequency at the current speed, Hz.
    public var shaftFrequency: Double { profile.shaftFrequency * speedFactor }

    /// A model of `profile` sampled at `rates`, starting in `state` at that state's equilibrium temperature.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` unless the vibration rate is finite and high enough that the
    ///   2× harmonic lies below the Nyquist frequency (more than 4 × the shaft frequency), and the slower rates
    ///   are positive and at most the vibration rate.
    public init(
        profile: MachineProfile,
        rates: SensorRates,
        seed: UInt64,
        state: MachineState = .normal
    )
        throws(SimulationError)
    {
        let minimum = 4 * profile.shaftFrequency
        guard rates.vibration.isFinite, rates.vibration > minimum else {
            throw SimulationError(
                .invalidSetting,
                setting: "rate",
                "\(rates.vibration) Hz is too low: the 2× harmonic of a \(profile.shaftFrequency) Hz shaft needs "
                    + "more than \(minimum) Hz"
            )
        }
        for (name, rate) in [("temperature-rate", rates.temperature), ("current-rate", rates.current)] {
            guard rate.isFinite, rate > 0, rate <= rates.vibration else {
                throw SimulationError(
                    .invalidSetting,
                    setting: name,
                    "\(rate) Hz is not in (0, \(rates.vibration)] (the vibration rate)"
                )
            }
        }
        self.profile = profile
        self.rates = rates
        self.state = state
        temperature = profile.equilibriumTemperature(in: state, load: profile.load)
        noise = GaussianNoise(seed: seed)
        temperatureNoise = GaussianNoise(seed: seed ^ 0x7E39_7E39_7E39_7E39)
        currentNoise = GaussianNoise(seed: seed ^ 0xC0AA_C0AA_C0AA_C0AA)
    }

    /// Fills `block` with the next `block.count` vibration samples and the slow samples due in that time span,
    /// and advances the model by as much time.
    public mutating func generate(into block: inout SampleBlock) {
        block.firstVibrationIndex = sampleIndex
        generateVibration(into: &block)
        let end = Double(sampleIndex) / rates.vibration
        generateTemperature(into: &block, until: end)
        generateCurrent(into: &block, until: end)
    }

    private mutating func generateVibration(into block: inout SampleBlock) {
        let count = block.count
        guard count > 0 else { return }
        let step = 2 * Double.pi * shaftFrequency / sampleRate
        // The shaft angle is rotated as a unit phasor, one complex multiplication per sample instead of sin/cos;
        // it is recomputed from the angle at every block, so rounding never accumulates beyond one block.
        let stepCos = cos(step)
        let stepSin = sin(step)
        var angleCos = cos(shaftAngle)
        var angleSin = sin(shaftAngle)
        // sin(θ + p) = sin θ · a cos p + cos θ · a sin p, so each component is two per-axis coefficients.
        let first = profile.firstHarmonicAmplitude * state.firstHarmonicGain
        let second = profile.secondHarmonicAmplitude * state.secondHarmonicGain
        let firstSin = first * Self.cosines(profile.firstHarmonicPhase)
        let firstCos = first * Self.sines(profile.firstHarmonicPhase)
        let secondSin = second * Self.cosines(profile.secondHarmonicPhase)
        let secondCos = second * Self.sines(profile.secondHarmonicPhase)
        let vibrationNoise = profile.vibrationNoise
        var bearing = BearingImpacts(model: self)
        var resonance = self.resonance
        var noise = self.noise

        block.x.withUnsafeMutableBufferPointer { x in
            block.y.withUnsafeMutableBufferPointer { y in
                block.z.withUnsafeMutableBufferPointer { z in
                    for index in 0..<count {
                        let doubleSin = 2 * angleSin * angleCos
                        let doubleCos = angleCos * angleCos - angleSin * angleSin
                        var clean =
                            angleSin * firstSin + angleCos * firstCos + doubleSin * secondSin + doubleCos * secondCos
                        let excitation = bearing.excitation(at: sampleIndex + index, shaftCos: angleCos, &noise)
                        let ring = bearing.a1 * resonance.x - bearing.a2 * resonance.y + excitation
                        resonance = SIMD2(ring, resonance.x)
                        clean += ring * bearing.axisWeights
                        x[index] = Float(clean.x + vibrationNoise * noise.next())
                        y[index] = Float(clean.y + vibrationNoise * noise.next())
                        z[index] = Float(clean.z + vibrationNoise * noise.next())
                        (angleCos, angleSin) = (
                            angleCos * stepCos - angleSin * stepSin, angleSin * stepCos + angleCos * stepSin
                        )
                    }
                }
            }
        }
        scheduledImpact = bearing.scheduled
        impactAt = bearing.next
        self.resonance = resonance
        self.noise = noise
        shaftAngle = (shaftAngle + step * Double(count)).truncatingRemainder(dividingBy: 2 * Double.pi)
        sampleIndex += count
    }

    /// Temperature samples at `k / rate` for every k due before `end` seconds: the first-order lag stepped
    /// exactly from one sample time to the next.
    private mutating func generateTemperature(into block: inout SampleBlock, until end: Double) {
        block.firstTemperatureIndex = temperatureIndex
        block.temperature.removeAll(keepingCapacity: true)
        let target = profile.equilibriumTemperature(in: state, load: profile.load)
        let due = Self.samplesDue(before: end, rate: rates.temperature)
        while temperatureIndex < due {
            let time = Double(temperatureIndex) / rates.temperature
            temperature = target + (temperature - target) * exp(-(time - thermalTime) / profile.thermalTimeConstant)
            thermalTime = time
            block.temperature.append(Float(temperature + profile.temperatureNoise * temperatureNoise.next()))
            temperatureIndex += 1
        }
    }

    /// Current samples for every k due before `end` seconds: the load's RMS current beating at twice the slip
    /// frequency.
    private mutating func generateCurrent(into block: inout SampleBlock, until end: Double) {
        block.firstCurrentIndex = currentIndex
        block.current.removeAll(keepingCapacity: true)
        let mean = profile.meanCurrent(in: state, load: profile.load)
        let swing = mean * profile.slipBeatDepth
        let beatStep =
            2 * Double.pi * profile.slipBeatFrequency(load: profile.load, shaft: shaftFrequency)
            / rates.current
        let due = Self.samplesDue(before: end, rate: rates.current)
        while currentIndex < due {
            block.current.append(Float(mean + swing * sin(beatPhase) + profile.currentNoise * currentNoise.next()))
            beatPhase = (beatPhase + beatStep).truncatingRemainder(dividingBy: 2 * Double.pi)
            currentIndex += 1
        }
    }

    /// Number of samples at `k / rate` with a time before `end`.
    private static func samplesDue(before end: Double, rate: Double) -> Int {
        Int((end * rate - 1e-9).rounded(.up))
    }

    private static func cosines(_ angles: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(cos(angles.x), cos(angles.y), cos(angles.z))
    }

    private static func sines(_ angles: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(sin(angles.x), sin(angles.y), sin(angles.z))
    }

    /// The bearing impacts of one block: their schedule, strength and the resonance they ring.
    private struct BearingImpacts {
        /// Resonance recursion `r[n] = a1·r[n−1] − a2·r[n−2] + e[n]`.
        let a1: Double
        let a2: Double
        /// How much of the resonance reaches x, y, z.
        let axisWeights: SIMD3<Double>
        /// Impact strength giving a response that peaks near the profile's impact amplitude.
        let strength: Double
        /// Samples between impacts; zero when the state has no bearing fault.
        let period: Double
        /// Modulation depth at the shaft frequency (inner race only).
        let modulation: Double
        /// Ideal position of the next impact.
        var scheduled: Double
        /// Sample index of the next impact.
        var next: Int

        init(model: VibrationModel) {
            let profile = model.profile
            let natural = min(profile.resonanceFrequency, 0.4 * model.sampleRate)
            let angle = 2 * Double.pi * natural / model.sampleRate
            let radius = exp(-profile.resonanceDamping * angle)
            a1 = 2 * radius * cos(angle)
            a2 = radius * radius
            axisWeights = profile.impactAxisWeights
            strength = profile.impactAmplitude * sin(angle)
            let order: Double
            switch model.state {
            case .bearingOuter: order = profile.bearing.outerRaceOrder
            case .bearingInner: order = profile.bearing.innerRaceOrder
            case .normal, .imbalance, .misalignment: order = 0
            }
            period = order > 0 ? model.sampleRate / (order * model.shaftFrequency) : 0
            modulation = model.state == .bearingInner ? VibrationModel.innerRaceModulation : 0
            scheduled = model.scheduledImpact
            next = model.impactAt
            if period > 0, scheduled < Double(model.sampleIndex) {
                // A fault that just began: its first impact comes within one period.
                scheduled = Double(model.sampleIndex) + period / 2
                next = Int(scheduled.rounded())
            }
        }

        /// The impulse entering the resonance at sample `index`: non-zero only at an impact.
        mutating func excitation(at index: Int, shaftCos: Double, _ noise: inout GaussianNoise) -> Double {
            guard period > 0, index >= next else { return 0 }
            let strength = self.strength * (1 + 0.1 * noise.next()) * (1 + modulation * shaftCos) / (1 + modulation)
            scheduled += period
            next = max(index + 1, Int((scheduled + VibrationModel.impactJitter * period * noise.next()).rounded()))
            return strength
        }
    }
}
