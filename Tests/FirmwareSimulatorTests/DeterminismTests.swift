import FirmwareSimulator
import Testing

@Suite struct DeterminismTests {
    @Test func splitMixMatchesTheReferenceSequence() {
        // First outputs of the reference splitmix64.c for seed 0.
        var generator = SplitMix64(seed: 0)
        #expect(
            [generator.next(), generator.next(), generator.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ]
        )
    }

    @Test(arguments: [0, 1, 42, UInt64.max] as [UInt64])
    func sameSeedGivesSameSamples(seed: UInt64) throws {
        let first = try ModelFixture.block(seed: seed, state: .misalignment, seconds: 2)
        let second = try ModelFixture.block(seed: seed, state: .misalignment, seconds: 2)
        #expect(first.x == second.x)
        #expect(first.y == second.y)
        #expect(first.z == second.z)
        #expect(first.temperature == second.temperature)
        #expect(first.current == second.current)
    }

    @Test(arguments: [(1, 2), (0, UInt64.max), (7, 8)] as [(UInt64, UInt64)])
    func differentSeedsGiveDifferentSamples(first: UInt64, second: UInt64) throws {
        let one = try ModelFixture.block(seed: first, seconds: 1)
        let other = try ModelFixture.block(seed: second, seconds: 1)
        #expect(one.x != other.x)
        #expect(one.temperature != other.temperature)
        #expect(MachineProfile(seed: first) != MachineProfile(seed: second))
    }

    @Test func blocksContinueTheSameSignalAsOneLongBlock() throws {
        var whole = try ModelFixture.model(seed: 5)
        var long = SampleBlock(count: 300)
        whole.generate(into: &long)
        var pieces = try ModelFixture.model(seed: 5)
        var short = SampleBlock(count: 100)
        var joined: [Float] = []
        for _ in 0..<3 {
            pieces.generate(into: &short)
            joined += short.x
        }
        // The phasor is re-anchored at every block, so the two paths agree to rounding, not bit for bit.
        let largestGap = zip(long.x, joined).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largestGap < 1e-5)
        #expect(pieces.sampleIndex == 300)
    }

    @Test func sameSeedGivesSameFleetFrames() throws {
        let settings = try SimulationSettings(deviceCount: 4, durationSeconds: 3, seed: 9, faultDeviceFraction: 0.5)
        var one = try FleetSimulation(settings: settings, startTimestamp: 1_000)
        var other = try FleetSimulation(settings: settings, startTimestamp: 1_000)
        for _ in 0..<3 {
            for index in one.devices.indices {
                let left = try one.devices[index].nextFrames()
                let right = try other.devices[index].nextFrames()
                #expect(left.vibration == right.vibration)
                #expect(left.temperature == right.temperature)
                #expect(left.current == right.current)
                #expect(left.label == right.label)
            }
        }
    }

    @Test func gaussianNoiseHasZeroMeanAndUnitVariance() {
        var noise = GaussianNoise(seed: 3)
        let samples = (0..<200_000).map { _ in noise.next() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
    }
}
