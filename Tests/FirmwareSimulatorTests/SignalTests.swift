import FirmwareSimulator
import Foundation
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
        // The 2× line is where the spectrum peaks between 1.5× and 2.5×.
        let band = Spectrum(
            try ModelFixture.block(seed: seed, state: .misalignment, seconds: 10).x,
            sampleRate: ModelFixture.sampleRate,
            band: (1.5 * shaft)...min(2.5 * shaft, 0.49 * ModelFixture.sampleRate)
        )
        #expect(abs(band.peakFrequency - 2 * shaft) <= band.binWidth)
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

    /// Rate of the bearing tests: the envelope is taken by rectification, which needs the resonance (250–380 Hz)
    /// sampled well above Nyquist, or its harmonics fold onto the fault lines; the default 1 kHz keeps the
    /// resonance itself below Nyquist, which is what a feature pipeline's band energies need.
    static let bearingRate = 4_000.0

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func outerRaceFaultPeaksAtBPFOInTheEnvelopeSpectrum(seed: UInt64) throws {
        let profile = MachineProfile(seed: seed)
        let band = 5.0...300
        let faulty = try ModelFixture.block(seed: seed, state: .bearingOuter, seconds: 2, rate: Self.bearingRate)
        let envelope = Spectrum.envelope(faulty.y, sampleRate: Self.bearingRate, band: band)
        #expect(abs(envelope.peakFrequency - profile.outerRaceFrequency) <= envelope.binWidth)
        // A healthy machine has no such line.
        let healthy = try ModelFixture.block(seed: seed, seconds: 2, rate: Self.bearingRate)
        let reference = Spectrum.envelope(healthy.y, sampleRate: Self.bearingRate, band: band)
        #expect(
            reference.amplitude(near: profile.outerRaceFrequency)
                < envelope.amplitude(near: profile.outerRaceFrequency) / 10
        )
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func innerRaceFaultPeaksAtBPFIWithShaftSidebands(seed: UInt64) throws {
        let profile = MachineProfile(seed: seed)
        let shaft = profile.shaftFrequency
        let bpfi = profile.innerRaceFrequency
        let faulty = try ModelFixture.block(seed: seed, state: .bearingInner, seconds: 2, rate: Self.bearingRate)
        let envelope = Spectrum.envelope(faulty.y, sampleRate: Self.bearingRate, band: (1.5 * shaft)...300)
        #expect(abs(envelope.peakFrequency - bpfi) <= envelope.binWidth)
        // Modulation at the shaft rate: sidebands at BPFI ± 1× and a line at 1× itself.
        let floor = envelope.median
        #expect(envelope.amplitude(near: bpfi - shaft) > 5 * floor)
        #expect(envelope.amplitude(near: bpfi + shaft) > 5 * floor)
        let low = Spectrum.envelope(faulty.y, sampleRate: Self.bearingRate, band: 5...(1.5 * shaft))
        #expect(abs(low.peakFrequency - shaft) <= low.binWidth)
    }

    @Test(arguments: [MachineState.bearingOuter, .bearingInner])
    func bearingImpactsRingTheResonance(fault: MachineState) throws {
        let seed: UInt64 = 6
        let profile = MachineProfile(seed: seed)
        let block = try ModelFixture.block(seed: seed, state: fault, seconds: 2, rate: 1_000)
        let spectrum = Spectrum(block.y, sampleRate: 1_000, band: 150...480)
        #expect(abs(spectrum.peakFrequency - profile.resonanceFrequency) < 0.15 * profile.resonanceFrequency)
    }

    @Test(arguments: [MachineState.imbalance, .misalignment, .bearingOuter, .bearingInner])
    func temperatureRisesAfterAFault(fault: MachineState) throws {
        var model = try ModelFixture.model(seed: 11)
        let start = model.temperature
        var block = SampleBlock(count: 6_000)
        model.generate(into: &block)
        // One temperature sample per second of the default 1 Hz rate; normal starts at its equilibrium.
        #expect(block.temperature.count == 60)
        #expect(abs(model.temperature - start) < 0.01)
        model.state = fault
        model.generate(into: &block)
        let rise = model.temperature - start
        let target = model.profile.equilibriumTemperature(in: fault, load: model.profile.load) - start
        // A first-order lag: after one minute, 1 − exp(−60 / τ) of the way there.
        let expected = target * (1 - exp(-59 / model.profile.thermalTimeConstant))
        #expect(abs(rise - expected) < 0.01 * target)
        #expect(Double(block.temperature.last!) > start + 1)
    }

    @Test func currentFollowsTheLoadAndBeatsAtTwiceTheSlipFrequency() throws {
        let seed: UInt64 = 4
        var light = MachineProfile(seed: seed)
        light.load = 0.3
        var heavy = light
        heavy.load = 0.9
        var means: [Double] = []
        for profile in [light, heavy] {
            var model = try VibrationModel(profile: profile, rates: SensorRates(vibration: 100), seed: 1)
            var block = SampleBlock(count: 12_000)
            model.generate(into: &block)
            #expect(block.current.count == 1_200)
            let mean = block.current.map(Double.init).reduce(0, +) / Double(block.current.count)
            #expect(abs(mean - profile.meanCurrent(in: .normal, load: profile.load)) < 0.01)
            means.append(mean)
            let spectrum = Spectrum(block.current, sampleRate: 10)
            let beat = profile.slipBeatFrequency(load: profile.load, shaft: profile.shaftFrequency)
            #expect(abs(spectrum.peakFrequency - beat) <= spectrum.binWidth)
        }
        #expect(means[1] > 1.5 * means[0])
    }

    @Test func bearingFaultFrequenciesFollowTheGeometry() {
        let bearing = BearingGeometry(ballCount: 9, ballDiameter: 7.94, pitchDiameter: 39.04, contactAngle: 0)
        // SKF 6205 figures: BPFO 3.585× and BPFI 5.415× the shaft speed (scripts/reference/bearing_frequencies.py).
        #expect(abs(bearing.outerRaceOrder - 3.585) < 0.001)
        #expect(abs(bearing.innerRaceOrder - 5.415) < 0.001)
    }
}
