import FirmwareSimulator
import Testing
import WireProtocol

/// Each drift is checked against the same device without it: same seed and id, so the same machine and signal.
@Suite struct DriftTests {
    /// `seconds` frames of the single device of a one-group scenario with `drift` lines, and without them.
    static func frames(
        drift: String,
        seconds: Int,
        rate: Double = 100
    ) throws -> (drifted: [DeviceFrames], clean: [DeviceFrames], profile: MachineProfile) {
        var result: [[DeviceFrames]] = []
        var profile: MachineProfile?
        for lines in ["drift: [\(drift)]", "drift: []"] {
            let scenario = try ScenarioFixture.group(lines, rate: rate)
            var fleet = try FleetSimulation(scenario: scenario, settings: scenario.settings(seed: 4), startTimestamp: 0)
            profile = fleet.devices[0].model.profile
            result.append(try (0..<seconds).map { _ in try fleet.devices[0].nextFrames() })
        }
        return (result[0], result[1], try #require(profile))
    }

    static func rms(_ samples: [Float]) -> Double {
        (samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    static func mean(_ samples: [Float]) -> Double {
        samples.reduce(0) { $0 + Double($1) } / Double(samples.count)
    }

    @Test func aGainStepMultipliesTheRMSOfItsAxisOnly() throws {
        let (drifted, clean, _) = try Self.frames(drift: "{kind: gain, axis: x, start: 2, magnitude: 2}", seconds: 5)
        for second in 0..<5 {
            let ratio =
                try Self.rms(#require(drifted[second].vibration?.samples(of: "x")))
                / Self.rms(#require(clean[second].vibration?.samples(of: "x")))
            #expect(abs(ratio - (second < 2 ? 1 : 2)) < 1e-6, "second \(second)")
            #expect(drifted[second].vibration?.samples(of: "y") == clean[second].vibration?.samples(of: "y"))
        }
    }

    @Test func aGainRampGrowsLinearly() throws {
        let (drifted, clean, _) = try Self.frames(drift: "{kind: gain, start: 0, ramp: 10, magnitude: 3}", seconds: 12)
        for second in 0..<12 {
            let ratio =
                try Self.rms(#require(drifted[second].vibration?.samples(of: "z")))
                / Self.rms(#require(clean[second].vibration?.samples(of: "z")))
            let expected = second < 10 ? 1 + 2 * (Double(second) + 0.5) / 10 : 3
            #expect(abs(ratio - expected) < 0.02 * expected, "second \(second): \(ratio)")
        }
    }

    @Test func anOffsetShiftsTheMeanByItsMagnitude() throws {
        let (drifted, clean, _) = try Self.frames(
            drift: "{kind: offset, sensor: temperature, start: 3, magnitude: 5}",
            seconds: 8
        )
        for second in 0..<8 {
            let shift =
                try Self.mean(#require(drifted[second].temperature?.samples(of: "v")))
                - Self.mean(#require(clean[second].temperature?.samples(of: "v")))
            #expect(abs(shift - (second < 3 ? 0 : 5)) < 1e-4, "second \(second)")
        }
    }

    @Test func addedNoiseHasTheStatedStandardDeviation() throws {
        let (drifted, clean, _) = try Self.frames(
            drift: "{kind: noise, axis: z, start: 0, magnitude: 0.1}",
            seconds: 30
        )
        var differences: [Float] = []
        for (left, right) in zip(drifted, clean) {
            let noisy = try #require(left.vibration?.samples(of: "z"))
            let plain = try #require(right.vibration?.samples(of: "z"))
            differences += zip(noisy, plain).map { $0 - $1 }
        }
        let mean = Self.mean(differences)
        let deviation = Self.rms(differences.map { $0 - Float(mean) })
        // 3,000 samples: the standard error of the deviation is about 1.3 %.
        #expect(abs(deviation - 0.1) < 0.005)
        #expect(abs(mean) < 0.01)
    }

    @Test func aStuckSensorRepeatsItsLastReadingWithZeroVariance() throws {
        let (drifted, clean, _) = try Self.frames(
            drift: "{kind: stuck, sensor: current, start: 3, duration: 4}",
            seconds: 10
        )
        let before = try #require(clean[2].current?.samples(of: "v")?.last)
        for second in 0..<10 {
            let samples = try #require(drifted[second].current?.samples(of: "v"))
            if (3..<7).contains(second) {
                #expect(samples.allSatisfy { $0 == before }, "second \(second)")
            } else {
                #expect(samples == clean[second].current?.samples(of: "v"), "second \(second)")
            }
        }
    }

    @Test func aDeadSensorSendsNothing() throws {
        let (drifted, clean, _) = try Self.frames(
            drift: "{kind: dead, sensor: temperature, start: 2, duration: 3}",
            seconds: 7
        )
        #expect(drifted.map { $0.temperature != nil } == [true, true, false, false, false, true, true])
        #expect(clean.allSatisfy { $0.temperature != nil })
        #expect(zip(drifted, clean).allSatisfy { $0.vibration == $1.vibration })
    }

    @Test func aNewSpeedMovesTheShaftPeak() throws {
        let (drifted, _, profile) = try Self.frames(
            drift: "{kind: speed, start: 10, magnitude: 1.25}",
            seconds: 20,
            rate: 200
        )
        let shaft = profile.shaftFrequency
        let before = Spectrum(drifted[0..<10].flatMap { $0.vibration!.samples(of: "x")! }, sampleRate: 200)
        let after = Spectrum(drifted[10..<20].flatMap { $0.vibration!.samples(of: "x")! }, sampleRate: 200)
        #expect(abs(before.peakFrequency - shaft) <= before.binWidth)
        #expect(abs(after.peakFrequency - 1.25 * shaft) <= after.binWidth)
    }
}
