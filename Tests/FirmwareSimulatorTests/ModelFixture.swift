import FirmwareSimulator

/// Models and sample blocks for the tests: 100 Hz, the machine drawn from a seed.
enum ModelFixture {
    static let sampleRate = 100.0

    static func model(seed: UInt64, state: MachineState = .normal) throws -> VibrationModel {
        try VibrationModel(profile: MachineProfile(seed: seed), sampleRate: sampleRate, seed: seed &+ 1, state: state)
    }

    /// `seconds` of samples from a fresh model in `state`.
    static func block(seed: UInt64, state: MachineState = .normal, seconds: Int) throws -> SampleBlock {
        var model = try model(seed: seed, state: state)
        var block = SampleBlock(count: Int(sampleRate) * seconds)
        model.generate(into: &block)
        return block
    }
}
