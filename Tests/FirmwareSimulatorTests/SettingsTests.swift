import FirmwareSimulator
import Testing

@Suite struct SettingsTests {
    /// One bad value per case, everything else valid, and the option the error must name.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let option: String
        let make: @Sendable () throws(SimulationError) -> SimulationSettings
        var testDescription: String { option }
    }

    static let badInputs: [BadInput] = [
        BadInput(option: "devices") { () throws(SimulationError) in try SimulationSettings(deviceCount: 0) },
        BadInput(option: "devices") { () throws(SimulationError) in try SimulationSettings(deviceCount: -3) },
        BadInput(option: "devices") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: SimulationSettings.maxDevices + 1)
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, sampleRate: -100)
        },
        BadInput(option: "rate") { () throws(SimulationError) in try SimulationSettings(deviceCount: 1, sampleRate: 0)
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, sampleRate: .nan)
        },
        BadInput(option: "rate") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, sampleRate: .infinity)
        },
        BadInput(option: "rate") { () throws(SimulationError) in try SimulationSettings(deviceCount: 1, sampleRate: 50)
        },
        BadInput(option: "rate") { () throws(SimulationError) in try SimulationSettings(deviceCount: 1, sampleRate: 2e6)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: 0)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: -1)
        },
        BadInput(option: "frame-seconds") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, frameSeconds: 0.125)
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
        BadInput(option: "fault-device-fraction") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, faultDeviceFraction: -0.1)
        },
        BadInput(option: "fault-device-fraction") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, faultDeviceFraction: 1.5)
        },
        BadInput(option: "fault-device-fraction") { () throws(SimulationError) in
            try SimulationSettings(deviceCount: 1, faultDeviceFraction: .nan)
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
        let error = #expect(throws: SimulationError.self) { try SimulationSettings(deviceCount: 1, sampleRate: -5) }
        #expect(error?.description == "--rate: -5.0 Hz is not a positive rate")
    }

    @Test(
        arguments: [
            (100.0, 1.0, 3.0, 100, 3), (200.0, 0.5, 2.2, 100, 5), (1_000.0, 0.25, nil, 250, nil),
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
            sampleRate: rate,
            frameSeconds: frame,
            durationSeconds: duration
        )
        #expect(settings.samplesPerFrame == samples)
        #expect(settings.frameCount == frames)
    }

    @Test(arguments: [(10, 0.0, 0), (10, 0.25, 3), (10, 1.0, 10), (3, 0.5, 2)] as [(Int, Double, Int)])
    func faultyDeviceCountIsTheRoundedFraction(devices: Int, fraction: Double, expected: Int) throws {
        let settings = try SimulationSettings(deviceCount: devices, faultDeviceFraction: fraction)
        #expect(settings.faultyDeviceCount == expected)
    }

    @Test(arguments: [-1.0, 0, 80, .nan])
    func modelRejectsARateThatFoldsTheSecondHarmonic(rate: Double) {
        let error = #expect(throws: SimulationError.self) {
            try VibrationModel(profile: MachineProfile(seed: 1), sampleRate: rate, seed: 1)
        }
        #expect(error?.setting == "rate")
    }

    @Test func fleetRejectsATimestampBefore1970() throws {
        let settings = try SimulationSettings(deviceCount: 1)
        #expect(throws: SimulationError.self) { try FleetSimulation(settings: settings, startTimestamp: -1) }
    }
}
