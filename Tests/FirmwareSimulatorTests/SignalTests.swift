import FirmwareSimulator
import Testing

@Suite struct SignalTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func vibrationPeaksAtTheShaftFrequency(seed: UInt64) throws {
        let block = try ModelFixture.block(seed: seed, seconds: 10)
        let shaft = MachineProfile(seed: seed).shaftFrequency
        for axis in [block.x, block.y, block.z] {
            let spectrum = Spectrum(axis, sampleRate: ModelFixture.sampleRate)
            #expect(abs(spectrum.peakFrequency - shaft) <= spectrum.binWidth)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func misalignmentTriplesTheSecondHarmonicOnly(seed: UInt64) throws {
        let shaft = MachineProfile(seed: seed).shaftFrequency
        let normal = Spectrum(try ModelFixture.block(seed: seed, seconds: 10).x, sampleRate: ModelFixture.sampleRate)
        let faulty = Spectrum(
            try ModelFixture.block(seed: seed, state: .misalignment, seconds: 10).x,
            sampleRate: ModelFixture.sampleRate
        )
        let secondRatio = faulty.amplitude(near: 2 * shaft) / normal.amplitude(near: 2 * shaft)
        let firstRatio = faulty.amplitude(near: shaft) / normal.amplitude(near: shaft)
        #expect((2.5...3.5).contains(secondRatio))
        #expect((0.9...1.1).contains(firstRatio))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func imbalanceTriplesTheFirstHarmonicOnly(seed: UInt64) throws {
        let shaft = MachineProfile(seed: seed).shaftFrequency
        let normal = Spectrum(try ModelFixture.block(seed: seed, seconds: 10).y, sampleRate: ModelFixture.sampleRate)
        let faulty = Spectrum(
            try ModelFixture.block(seed: seed, state: .imbalance, seconds: 10).y,
            sampleRate: ModelFixture.sampleRate
        )
        #expect((2.5...3.5).contains(faulty.amplitude(near: shaft) / normal.amplitude(near: shaft)))
        #expect((0.8...1.2).contains(faulty.amplitude(near: 2 * shaft) / normal.amplitude(near: 2 * shaft)))
    }

    @Test(arguments: [MachineState.imbalance, .misalignment])
    func temperatureRisesAfterAFault(fault: MachineState) throws {
        var model = try ModelFixture.model(seed: 11)
        let start = model.temperature
        var block = SampleBlock(count: 6_000)
        model.generate(into: &block)
        // Normal starts at its equilibrium: a minute later it has not drifted.
        #expect(abs(model.temperature - start) < 0.01)
        model.state = fault
        model.generate(into: &block)
        let rise = model.temperature - start
        #expect(rise > 1)
        #expect(rise < model.profile.equilibriumTemperature(in: fault) - start)
        let lastSecond = block.temperature.suffix(100).map(Double.init).reduce(0, +) / 100
        #expect(lastSecond > start + 1)
    }

    @Test func currentIsModulatedAtTheShaftFrequencyAroundItsRMS() throws {
        let seed: UInt64 = 4
        let profile = MachineProfile(seed: seed)
        let block = try ModelFixture.block(seed: seed, seconds: 10)
        let spectrum = Spectrum(block.current, sampleRate: ModelFixture.sampleRate)
        let mean = block.current.map(Double.init).reduce(0, +) / Double(block.count)
        #expect(abs(mean - profile.currentRMS) < 0.01)
        #expect(abs(spectrum.peakFrequency - profile.shaftFrequency) <= spectrum.binWidth)
    }
}
