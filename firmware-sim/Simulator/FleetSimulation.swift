import WireProtocol

/// A fleet of simulated devices built from a ``Scenario`` and ``SimulationSettings``: pure and deterministic for
/// a seed.
///
/// Devices are numbered per id prefix across groups in scenario order (`sim-0000`, `sim-0001`, …). Everything
/// random about a device (its machine, its drawn state changes, its drift noise, its delivery faults) comes from
/// streams seeded by the run seed and the device id alone, so devices are independent of each other and a device
/// is the same machine whatever the fleet size.
public struct FleetSimulation: Sendable {
    /// The scenario the fleet was built from.
    public let scenario: Scenario
    /// The settings the fleet was built from.
    public let settings: SimulationSettings
    /// The devices, in id order per group; advance one with `devices[i].nextFrames()`.
    public var devices: [SimulatedDevice]
    /// The delivery faults of each device, at the same index.
    public var delivery: [DeliveryInjector]
    /// The scenario group of each device, at the same index.
    public let groupIndex: [Int]

    /// Builds the fleet; frame 0 of every device is stamped `startTimestamp` (Unix milliseconds).
    ///
    /// - Throws: `SimulationError` `.invalidSetting` for a negative `startTimestamp`, or a vibration rate too low
    ///   for a group's fastest shaft (with its speed drift).
    public init(
        scenario: Scenario = .builtIn,
        settings: SimulationSettings,
        startTimestamp: Int64
    ) throws(SimulationError) {
        guard startTimestamp >= 0 else {
            throw SimulationError(.invalidSetting, setting: "start", "\(startTimestamp) ms is before 1970")
        }
        try scenario.checkRate(settings.rates.vibration)
        self.scenario = scenario
        self.settings = settings
        var devices: [SimulatedDevice] = []
        var delivery: [DeliveryInjector] = []
        var groupIndex: [Int] = []
        devices.reserveCapacity(settings.deviceCount)
        var nextNumber: [String: Int] = [:]
        for (index, (group, size)) in zip(scenario.groups, scenario.groupSizes(deviceCount: settings.deviceCount))
            .enumerated()
        {
            for _ in 0..<size {
                let number = nextNumber[group.idPrefix, default: 0]
                nextNumber[group.idPrefix] = number + 1
                let id = try Self.deviceID(group.idPrefix, number)
                var seeds = SplitMix64(seed: Self.deviceSeed(settings.seed, id))
                let model = try VibrationModel(
                    profile: MachineProfile(seed: seeds.next(), ranges: group.machine),
                    rates: settings.rates,
                    seed: seeds.next()
                )
                var draws = Xoshiro256(seed: seeds.next())
                devices.append(
                    SimulatedDevice(
                        id: id,
                        model: model,
                        samplesPerFrame: settings.samplesPerFrame,
                        schedule: Self.schedule(group.schedule, frameSeconds: settings.frameSeconds, &draws),
                        drifts: group.drift,
                        driftSeed: seeds.next(),
                        startTimestamp: startTimestamp
                    )
                )
                delivery.append(DeliveryInjector(faults: group.faults, format: settings.format, seed: seeds.next()))
                groupIndex.append(index)
            }
        }
        self.devices = devices
        self.delivery = delivery
        self.groupIndex = groupIndex
    }

    /// The id of device `number` with `prefix`: the number zero-padded to 4 digits (more past 9999).
    public static func deviceID(_ prefix: String, _ number: Int) throws(SimulationError) -> DeviceID {
        let digits = String(number)
        let text = prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        guard let id = DeviceID(validating: text) else {
            throw SimulationError(.invalidSetting, setting: "scenario", "\"\(text)\" is not a valid device id")
        }
        return id
    }

    /// The seed of a device's streams: the run seed mixed with a hash (FNV-1a) of its id.
    static func deviceSeed(_ seed: UInt64, _ id: DeviceID) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var mixer = SplitMix64(seed: seed ^ hash)
        return mixer.next()
    }

    /// A device's state changes: each drawn within its time range, to one of its states, at the first frame
    /// that starts at or after that time; a later change at the same frame wins.
    private static func schedule(
        _ changes: [StateChange],
        frameSeconds: Double,
        _ random: inout Xoshiro256
    ) -> [SimulatedDevice.ScheduledState] {
        changes.map { change in
            let time = random.uniform(in: change.at)
            let state = change.states[Int(random.next() % UInt64(change.states.count))]
            return (time, state)
        }
        .sorted { $0.0 < $1.0 }
        .map { SimulatedDevice.ScheduledState(frame: Int((($0.0 / frameSeconds) - 1e-9).rounded(.up)), state: $0.1) }
    }
}
