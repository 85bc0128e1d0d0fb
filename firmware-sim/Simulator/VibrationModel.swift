#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal model of one rotating machine: pure, deterministic for a seed, no I/O and no clock.
///
/// Each vibration axis is `a1·sin(θ + p1) + a2·sin(2θ + p2) + noise`, with θ the shaft angle, the amplitudes of
/// the ``MachineProfile`` times the gains of the ``state``, and Gaussian noise. The temperature follows the
/// state's equilibrium as a first-order lag; the current is the state's RMS value modulated slightly at 1×.
public struct VibrationModel: Sendable {
    /// The machine being simulated.
    public let profile: MachineProfile
    /// Samples per second, Hz.
    public let sampleRate: Double
    /// The condition of the machine; takes effect from the next generated sample.
    public var state: MachineState
    /// The true temperature after the last generated sample (without sensor noise), °C.
    public private(set) var temperature: Double
    /// Samples generated so far, per axis.
    public private(set) var sampleIndex: Int = 0
    /// Shaft angle at the next sample, radians in [0, 2π).
    private var shaftAngle: Double = 0
    private var noise: GaussianNoise

    /// A model of `profile` sampled at `sampleRate`, starting in `state` at that state's equilibrium temperature.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` unless `sampleRate` is finite and high enough that the 2×
    ///   harmonic lies below the Nyquist frequency (more than 4 × the shaft frequency).
    public init(
        profile: MachineProfile,
        sampleRate: Double,
        seed: UInt64,
        state: MachineState = .normal
    )
        throws(SimulationError)
    {
        let minimum = 4 * profile.shaftFrequency
        guard sampleRate.isFinite, sampleRate > minimum else {
            throw SimulationError(
                .invalidSetting,
                setting: "rate",
                "\(sampleRate) Hz is too low: the 2× harmonic of a \(profile.shaftFrequency) Hz shaft needs more than "
                    + "\(minimum) Hz"
            )
        }
        self.profile = profile
        self.sampleRate = sampleRate
        self.state = state
        temperature = profile.equilibriumTemperature(in: state)
        noise = GaussianNoise(seed: seed)
    }

    /// Fills every buffer of `block` with the next `block.count` samples and advances the model by as much time.
    public mutating func generate(into block: inout SampleBlock) {
        let count = block.count
        guard count > 0 else { return }
        let step = 2 * Double.pi * profile.shaftFrequency / sampleRate
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
        let thermalTarget = profile.equilibriumTemperature(in: state)
        let thermalGain = 1 - exp(-1 / (sampleRate * profile.thermalTimeConstant))
        let meanCurrent = profile.meanCurrent(in: state)
        let currentSwing = meanCurrent * profile.currentModulation
        let temperatureNoise = profile.temperatureNoise
        let currentNoise = profile.currentNoise
        var temperature = self.temperature
        var noise = self.noise

        block.x.withUnsafeMutableBufferPointer { x in
            block.y.withUnsafeMutableBufferPointer { y in
                block.z.withUnsafeMutableBufferPointer { z in
                    block.temperature.withUnsafeMutableBufferPointer { heat in
                        block.current.withUnsafeMutableBufferPointer { current in
                            for index in 0..<count {
                                let doubleSin = 2 * angleSin * angleCos
                                let doubleCos = angleCos * angleCos - angleSin * angleSin
                                let clean =
                                    angleSin * firstSin + angleCos * firstCos + doubleSin * secondSin + doubleCos
                                    * secondCos
                                x[index] = Float(clean.x + vibrationNoise * noise.next())
                                y[index] = Float(clean.y + vibrationNoise * noise.next())
                                z[index] = Float(clean.z + vibrationNoise * noise.next())
                                temperature += thermalGain * (thermalTarget - temperature)
                                heat[index] = Float(temperature + temperatureNoise * noise.next())
                                current[index] = Float(
                                    meanCurrent + currentSwing * angleSin + currentNoise * noise.next()
                                )
                                (angleCos, angleSin) = (
                                    angleCos * stepCos - angleSin * stepSin, angleSin * stepCos + angleCos * stepSin
                                )
                            }
                        }
                    }
                }
            }
        }
        self.temperature = temperature
        self.noise = noise
        shaftAngle = (shaftAngle + step * Double(count)).truncatingRemainder(dividingBy: 2 * Double.pi)
        sampleIndex += count
    }

    private static func cosines(_ angles: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(cos(angles.x), cos(angles.y), cos(angles.z))
    }

    private static func sines(_ angles: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(sin(angles.x), sin(angles.y), sin(angles.z))
    }
}
