import WireProtocol

/// What to simulate, validated: the fleet size, sampling, frame length, run length, seed, payload format and the
/// share of machines that develop a fault. Each property is named after its `firmware-sim run` option.
public struct SimulationSettings: Sendable, Hashable {
    /// Most devices in one simulator process.
    public static let maxDevices = 100_000
    /// Lowest accepted sample rate, Hz: the 2× harmonic of the fastest shaft must stay below Nyquist.
    public static let minSampleRate = 4 * MachineProfile.shaftFrequencyRange.upperBound
    /// Simulated span over which fault onsets are drawn when the run has no duration, seconds.
    public static let openEndedFaultWindowSeconds = 600.0

    /// Number of devices, `sim-0000` upwards (`--devices`).
    public let deviceCount: Int
    /// Samples per second of every sensor, Hz (`--rate`).
    public let sampleRate: Double
    /// Simulated seconds covered by one frame (`--frame-seconds`).
    public let frameSeconds: Double
    /// Simulated seconds to run, nil for no end (`--duration`).
    public let durationSeconds: Double?
    /// Seed of every random choice: the same seed replays the same fleet (`--seed`).
    public let seed: UInt64
    /// Payload encoding (`--format`).
    public let format: FrameFormat
    /// Share of devices, in [0, 1], that switch to a fault at a random time (`--fault-device-fraction`).
    public let faultDeviceFraction: Double
    /// Samples per axis in one frame: `sampleRate × frameSeconds`.
    public let samplesPerFrame: Int

    /// Validates the settings.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` naming the option: devices outside 1...100_000; a rate that
    ///   is not a finite number above ``minSampleRate`` and at most 1 MHz; a frame length that is not positive,
    ///   not a whole number of samples or more than 65_536 of them; a duration that is not positive; a fault
    ///   fraction outside [0, 1].
    public init(
        deviceCount: Int,
        sampleRate: Double = 100,
        frameSeconds: Double = 1,
        durationSeconds: Double? = nil,
        seed: UInt64 = 1,
        format: FrameFormat = .binary,
        faultDeviceFraction: Double = 0.1
    ) throws(SimulationError) {
        guard (1...Self.maxDevices).contains(deviceCount) else {
            throw SimulationError(
                .invalidSetting,
                setting: "devices",
                "\(deviceCount) is not in 1...\(Self.maxDevices)"
            )
        }
        guard sampleRate.isFinite, sampleRate > 0 else {
            throw SimulationError(.invalidSetting, setting: "rate", "\(sampleRate) Hz is not a positive rate")
        }
        guard sampleRate >= Self.minSampleRate, sampleRate <= SensorFrame.maxSampleRate else {
            throw SimulationError(
                .invalidSetting,
                setting: "rate",
                "\(sampleRate) Hz is not in \(Self.minSampleRate)...\(SensorFrame.maxSampleRate) Hz (the 2× harmonic "
                    + "of shafts up to \(MachineProfile.shaftFrequencyRange.upperBound) Hz must stay below Nyquist)"
            )
        }
        guard frameSeconds.isFinite, frameSeconds > 0 else {
            throw SimulationError(.invalidSetting, setting: "frame-seconds", "\(frameSeconds) s is not positive")
        }
        let samples = sampleRate * frameSeconds
        guard (1...Double(SensorFrame.maxSamplesPerAxis)).contains(samples.rounded()),
            abs(samples - samples.rounded()) <= 1e-9 * samples
        else {
            throw SimulationError(
                .invalidSetting,
                setting: "frame-seconds",
                "\(frameSeconds) s at \(sampleRate) Hz is \(samples) samples, not a whole number in "
                    + "1...\(SensorFrame.maxSamplesPerAxis)"
            )
        }
        if let durationSeconds {
            guard durationSeconds.isFinite, durationSeconds > 0 else {
                throw SimulationError(.invalidSetting, setting: "duration", "\(durationSeconds) s is not positive")
            }
        }
        guard faultDeviceFraction.isFinite, (0...1).contains(faultDeviceFraction) else {
            throw SimulationError(
                .invalidSetting,
                setting: "fault-device-fraction",
                "\(faultDeviceFraction) is not in [0, 1]"
            )
        }
        self.deviceCount = deviceCount
        self.sampleRate = sampleRate
        self.frameSeconds = frameSeconds
        self.durationSeconds = durationSeconds
        self.seed = seed
        self.format = format
        self.faultDeviceFraction = faultDeviceFraction
        samplesPerFrame = Int(samples.rounded())
    }

    /// Frames per device in the run (the duration rounded up to whole frames), nil for no end.
    public var frameCount: Int? {
        durationSeconds.map { Int(($0 / frameSeconds).rounded(.up)) }
    }

    /// Length of one frame as a `Duration`, for pacing.
    public var frameDuration: Duration {
        .nanoseconds(Int64((frameSeconds * 1e9).rounded()))
    }

    /// Number of devices that develop a fault: the fraction of the fleet, rounded to the nearest device.
    public var faultyDeviceCount: Int {
        Int((faultDeviceFraction * Double(deviceCount)).rounded())
    }
}
