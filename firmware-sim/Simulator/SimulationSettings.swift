import WireProtocol

/// What to simulate, validated: the fleet size, sample rates, frame length, run length, seed and payload format.
/// Each property is named after its `firmware-sim run` option; a ``Scenario`` supplies the defaults.
public struct SimulationSettings: Sendable, Hashable {
    /// Most devices in one simulator process.
    public static let maxDevices = 100_000

    /// Number of devices (`--devices`).
    public let deviceCount: Int
    /// Sample rates, Hz (`--rate` sets the vibration rate).
    public let rates: SensorRates
    /// Simulated seconds covered by one frame (`--frame-seconds`).
    public let frameSeconds: Double
    /// Simulated seconds to run, nil for no end (`--duration`).
    public let durationSeconds: Double?
    /// Seed of every random choice: the same seed replays the same fleet (`--seed`).
    public let seed: UInt64
    /// Payload encoding (`--format`).
    public let format: FrameFormat
    /// Vibration samples per axis in one frame: `rates.vibration × frameSeconds`.
    public let samplesPerFrame: Int

    /// Validates the settings.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` naming the option: devices outside 1...100_000; a vibration
    ///   rate that is not a finite number in (0, 1 MHz]; a temperature or current rate that is not positive or
    ///   above the vibration rate; a frame length that is not positive, not a whole number of vibration samples or
    ///   more than 65_536 of them; a duration that is not positive.
    public init(
        deviceCount: Int,
        rates: SensorRates = SensorRates(),
        frameSeconds: Double = 1,
        durationSeconds: Double? = nil,
        seed: UInt64 = 1,
        format: FrameFormat = .binary
    ) throws(SimulationError) {
        guard (1...Self.maxDevices).contains(deviceCount) else {
            throw SimulationError(
                .invalidSetting,
                setting: "devices",
                "\(deviceCount) is not in 1...\(Self.maxDevices)"
            )
        }
        let sampleRate = rates.vibration
        guard sampleRate.isFinite, sampleRate > 0 else {
            throw SimulationError(.invalidSetting, setting: "rate", "\(sampleRate) Hz is not a positive rate")
        }
        guard sampleRate <= SensorFrame.maxSampleRate else {
            throw SimulationError(
                .invalidSetting,
                setting: "rate",
                "\(sampleRate) Hz is above \(SensorFrame.maxSampleRate) Hz"
            )
        }
        for (name, rate) in [("temperature-rate", rates.temperature), ("current-rate", rates.current)] {
            guard rate.isFinite, rate > 0, rate <= sampleRate else {
                throw SimulationError(
                    .invalidSetting,
                    setting: name,
                    "\(rate) Hz is not in (0, \(sampleRate)] (the vibration rate)"
                )
            }
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
        self.deviceCount = deviceCount
        self.rates = rates
        self.frameSeconds = frameSeconds
        self.durationSeconds = durationSeconds
        self.seed = seed
        self.format = format
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
}
