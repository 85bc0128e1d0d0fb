/// A simulation scenario, read from YAML (``init(yaml:source:)``): the fleet's composition and, per group of
/// devices, their machines, state schedule, drift and delivery faults. Run options (`--devices`, `--rate`, …)
/// override its top-level defaults.
public struct Scenario: Sendable, Hashable {
    /// Fleet size when `--devices` is not given.
    public var devices: Int
    /// Simulated seconds to run when `--duration` is not given; nil runs until stopped.
    public var duration: Double?
    /// Seed when `--seed` is not given.
    public var seed: UInt64
    /// Simulated seconds per frame.
    public var frameSeconds: Double
    /// Payload encoding.
    public var format: FrameFormat
    /// Sensor sample rates (`--rate` overrides the vibration rate).
    public var rates: SensorRates
    /// The groups, in file order; their devices are numbered in that order.
    public var groups: [ScenarioGroup]

    /// A scenario; ``init(yaml:source:)`` is the usual way to get one.
    public init(
        devices: Int,
        duration: Double? = nil,
        seed: UInt64 = 1,
        frameSeconds: Double = 1,
        format: FrameFormat = .binary,
        rates: SensorRates = SensorRates(),
        groups: [ScenarioGroup]
    ) {
        self.devices = devices
        self.duration = duration
        self.seed = seed
        self.frameSeconds = frameSeconds
        self.format = format
        self.rates = rates
        self.groups = groups
    }
}

/// Devices that share machine ranges, a state schedule, drift and delivery faults.
public struct ScenarioGroup: Sendable, Hashable {
    /// How many devices a group has.
    public enum Size: Sendable, Hashable {
        /// Exactly this many.
        case count(Int)
        /// This share of the devices that groups with a fixed count leave over.
        case fraction(Double)
    }

    /// Name, used in logs and as the default id prefix.
    public var name: String
    /// Number of devices.
    public var size: Size
    /// Ids are this prefix and a running number of 4 or more digits, counted across groups sharing the prefix.
    public var idPrefix: String
    /// Ranges of the machines' parameters.
    public var machine: ProfileRanges
    /// State changes, in any order.
    public var schedule: [StateChange]
    /// Sensor and speed drift.
    public var drift: [DriftSpec]
    /// Delivery faults.
    public var faults: DeliveryFaults

    /// A group of healthy, undrifted, faultless machines unless told otherwise.
    public init(
        name: String,
        size: Size,
        idPrefix: String? = nil,
        machine: ProfileRanges = ProfileRanges(),
        schedule: [StateChange] = [],
        drift: [DriftSpec] = [],
        faults: DeliveryFaults = DeliveryFaults()
    ) {
        self.name = name
        self.size = size
        self.idPrefix = idPrefix ?? name + "-"
        self.machine = machine
        self.schedule = schedule
        self.drift = drift
        self.faults = faults
    }
}

/// A change of machine state: at a time (or a time drawn per device from a range) the machine enters a state (or
/// one drawn per device from a list).
public struct StateChange: Sendable, Hashable {
    /// Simulated seconds from the start; each device draws uniformly from the range.
    public var at: ClosedRange<Double>
    /// Candidate states; each device picks one uniformly.
    public var states: [MachineState]

    /// A change at a time in `at` to one of `states`.
    public init(at: ClosedRange<Double>, states: [MachineState]) {
        self.at = at
        self.states = states
    }
}

/// A span of simulated time: from `start` seconds, for `duration` seconds or for ever when nil.
public struct TimeWindow: Sendable, Hashable {
    /// Start, simulated seconds.
    public var start: Double
    /// Length, seconds; nil lasts until the end.
    public var duration: Double?

    /// A window from `start` for `duration`.
    public init(start: Double = 0, duration: Double? = nil) {
        self.start = start
        self.duration = duration
    }

    /// Whether simulated second `time` falls in the window.
    public func contains(_ time: Double) -> Bool {
        time >= start && duration.map { time < start + $0 } ?? true
    }
}
