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

    @Test(arguments: ["demo.yaml", "drift-10pct.yaml"])
    func sameSeedGivesSameFleetMessages(scenarioFile: String) throws {
        let scenario = try ScenarioFixture.file(scenarioFile)
        let settings = try scenario.settings(devices: 10, rate: 200, duration: 3, seed: 9)
        var one = try FleetSimulation(scenario: scenario, settings: settings, startTimestamp: 1_000)
        var other = try FleetSimulation(scenario: scenario, settings: settings, startTimestamp: 1_000)
        for _ in 0..<3 {
            for index in one.devices.indices {
                let left = try one.devices[index].nextFrames()
                let right = try other.devices[index].nextFrames()
                #expect(left.vibration == right.vibration)
                #expect(left.temperature == right.temperature)
                #expect(left.current == right.current)
                #expect(left.label == right.label)
                #expect(try one.delivery[index].deliver(left) == other.delivery[index].deliver(right))
            }
        }
    }

    @Test func aDeviceDoesNotDependOnTheOthers() throws {
        // The same device in a fleet of 3 and one of 40 produces the same frames: its streams are its own.
        let small = try Scenario.builtIn.settings(devices: 3, rate: 200, seed: 5)
        let large = try Scenario.builtIn.settings(devices: 40, rate: 200, seed: 5)
        var one = try FleetSimulation(settings: small, startTimestamp: 0)
        var other = try FleetSimulation(settings: large, startTimestamp: 0)
        #expect(one.devices[2].id == other.devices[2].id)
        for _ in 0..<2 {
            _ = try other.devices[1].nextFrames()
            #expect(try one.devices[2].nextFrames().vibration == other.devices[2].nextFrames().vibration)
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
