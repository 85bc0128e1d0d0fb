import WireProtocol

/// A fleet of simulated devices built from ``SimulationSettings``: pure and deterministic for a seed.
///
/// Device `i` is `sim-` and `i` zero-padded to 4 digits; its machine depends only on the seed and `i`, so a device
/// is the same whatever the fleet size. Exactly ``SimulationSettings/faultyDeviceCount`` devices, picked by the
/// seed, switch to imbalance or misalignment at a seeded frame within the run (within the first
/// ``SimulationSettings/openEndedFaultWindowSeconds`` when it has no end), never at the first frame.
public struct FleetSimulation: Sendable {
    /// The settings the fleet was built from.
    public let settings: SimulationSettings
    /// The devices, in id order; advance one with `devices[i].nextFrames()`.
    public var devices: [SimulatedDevice]

    /// Builds the fleet; frame 0 of every device is stamped `startTimestamp` (Unix milliseconds).
    ///
    /// - Throws: `SimulationError` `.invalidSetting` for a negative `startTimestamp`.
    public init(settings: SimulationSettings, startTimestamp: Int64) throws(SimulationError) {
        guard startTimestamp >= 0 else {
            throw SimulationError(.invalidSetting, setting: "start", "\(startTimestamp) ms is before 1970")
        }
        self.settings = settings
        let faults = Self.faultPlan(settings)
        var seeds = SplitMix64(seed: settings.seed)
        var devices: [SimulatedDevice] = []
        devices.reserveCapacity(settings.deviceCount)
        for index in 0..<settings.deviceCount {
            let profile = MachineProfile(seed: seeds.next())
            devices.append(
                SimulatedDevice(
                    id: Self.deviceID(index),
                    model: try VibrationModel(profile: profile, sampleRate: settings.sampleRate, seed: seeds.next()),
                    samplesPerFrame: settings.samplesPerFrame,
                    faultOnset: faults[index],
                    startTimestamp: startTimestamp
                )
            )
        }
        self.devices = devices
    }

    /// The id of device `index`: `sim-0000`, `sim-0001`, … (more digits past 9999).
    public static func deviceID(_ index: Int) -> DeviceID {
        let digits = String(index)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        // Always valid: ASCII letters, a dash and digits, at most 11 bytes.
        return DeviceID(validating: "sim-" + padded)!
    }

    /// The fault of each device index, nil for healthy ones.
    private static func faultPlan(_ settings: SimulationSettings) -> [FaultOnset?] {
        var random = Xoshiro256(seed: settings.seed ^ 0xFA17_FA17_FA17_FA17)
        var order = Array(0..<settings.deviceCount)
        order.shuffle(using: &random)
        let windowSeconds = settings.durationSeconds ?? SimulationSettings.openEndedFaultWindowSeconds
        let windowFrames = max(2, Int((windowSeconds / settings.frameSeconds).rounded(.up)))
        var plan = [FaultOnset?](repeating: nil, count: settings.deviceCount)
        for index in order.prefix(settings.faultyDeviceCount) {
            let state: MachineState = random.next() & 1 == 0 ? .imbalance : .misalignment
            plan[index] = FaultOnset(state: state, frame: Int.random(in: 1..<windowFrames, using: &random))
        }
        return plan
    }
}
