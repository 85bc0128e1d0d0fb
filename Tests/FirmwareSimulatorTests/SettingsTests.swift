import FirmwareSimulator
import Testing

@Suite struct SettingsTests {
    /// One bad value per case, everything else valid, and the option the error must name.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let option: String
        let make: @Sendable () throws -> SimulationSettings
        var testDescription: String { option }
    }

    static let badInputs: [BadInput] = [
        BadInput(option: "temperature-rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(temperature: 0))
        },
        BadInput(option: "current-rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: 100, current: 200))
        },
        BadInput(option: "devices") { () throws(SimulationError) in try Scenario.builtIn.settings(devices: 0) },
        BadInput(option: "devices") { try ScenarioFixture.group("drift: []", count: 3).settings(devices: 4) },
        BadInput(option: "rate") { () throws(SimulationError) in
            let settings = try Scenario.builtIn.settings(devices: 1, rate: 90)
            _ = try FleetSimulation(settings: settings, startTimestamp: 0)
            return settings
        },
        BadInput(option: "rate") {
            // Shafts up to 24 Hz sped up by 1.2 need more than 115.2 Hz.
            let scenario = try ScenarioFixture.group("drift: [{kind: speed, magnitude: 1.2}]", rate: 110)
            let settings = try scenario.settings()
            _ = try FleetSimulation(scenario: scenario, settings: settings, startTimestamp: 0)
            return settings
        },
        BadInput(option: "devices") { () throws(SimulationError) in try SimulationSettings(deviceCount: 0) },
        BadInput(option: "devices") { () throws(SimulationError) in try SimulationSettings(deviceCount: -3) },
        BadInput(option: "devices") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: SimulationSettings.maxDevices + 1)
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: -100))
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: 0))
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: .nan))
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: .infinity))
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: 2e6))
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: 0)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: -1)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: 100), frameSeconds: 0.125)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: 1_000)
        },
        BadInput(option: "duration") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, durationSeconds: 0)
        },
        BadInput(option: "duration") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, durationSeconds: -2)
        },
        BadInput(option: "duration") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, durationSeconds: .nan)
        },
    ]

    @Test(arguments: badInputs)
    func rejectsBadInputNamingTheOption(_ input: BadInput) {
        let error = #expect(throws: SimulationError.self) { try input.make() }
        #expect(error?.code == .invalidSetting)
        #expect(error?.setting == input.option)
        #expect(error?.description.hasPrefix("--\(input.option): ") == true)
    }

    @Test func negativeRateSaysItIsNotPositive() {
        let error = #expect(throws: SimulationError.self) {
            try SimulationSettings(deviceCount: 1, rates: SensorRates(vibration: -5))
        }
        #expect(error?.description == "--rate: -5.0 Hz is not a positive rate")
    }

    @Test(
        arguments: [
            (100.0, 1.0, 3.0, 100, 3), (200.0, 0.5, 2.2, 100, 5), (1_000.0, 0.25, nil, 250, nil),
            (1_000.0, 0.256, 1.0, 256, 4),
        ] as [(Double, Double, Double?, Int, Int?)]
    )
    func derivesSamplesPerFrameAndFrameCount(
        rate: Double,
        frame: Double,
        duration: Double?,
        samples: Int,
        frames: Int?
    )
        throws
    {
        let settings = try SimulationSettings(
            deviceCount: 1,
            rates: SensorRates(vibration: rate),
            frameSeconds: frame,
            durationSeconds: duration
        )
        #expect(settings.samplesPerFrame == samples)
        #expect(settings.frameCount == frames)
    }

    @Test(arguments: [-1.0, 0, 80, .nan])
    func modelRejectsARateThatFoldsTheSecondHarmonic(rate: Double) {
        let error = #expect(throws: SimulationError.self) {
            try VibrationModel(profile: MachineProfile(seed: 1), rates: SensorRates(vibration: rate), seed: 1)
        }
        #expect(error?.setting == "rate")
    }

    @Test func fleetRejectsATimestampBefore1970() throws {
        let settings = try SimulationSettings(deviceCount: 1)
        #expect(throws: SimulationError.self) { try FleetSimulation(settings: settings, startTimestamp: -1) }
    }
}
