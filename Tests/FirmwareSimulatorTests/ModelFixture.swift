import FirmwareSimulator

/// Models and sample blocks for the tests, the machine drawn from a seed: 100 Hz for the shaft harmonics,
/// 1 kHz (the default) for bearing faults.
enum ModelFixture {
    static let sampleRate = 100.0

    static func model(
        seed: UInt64,
        state: MachineState = .normal,
        rate: Double = sampleRate
    ) throws -> VibrationModel {
        try VibrationModel(
            profile: MachineProfile(seed: seed),
            rates: SensorRates(vibration: rate),
            seed: seed &+ 1,
            state: state
        )
    }

    /// `seconds` of samples from a fresh model in `state`.
    static func block(
        seed: UInt64,
        state: MachineState = .normal,
        seconds: Int,
        rate: Double = sampleRate
    ) throws -> SampleBlock {
        var model = try model(seed: seed, state: state, rate: rate)
        var block = SampleBlock(count: Int(rate) * seconds)
        model.generate(into: &block)
        return block
    }
}
