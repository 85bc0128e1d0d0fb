import Foundation
import WireProtocol
import Yams

extension Scenario {
    /// Most groups in one scenario.
    public static let maxGroups = 64
    /// Most schedule, drift or fault entries in one list.
    public static let maxEntries = 256
    /// Longest simulated time any scenario time may name, seconds (one year).
    public static let maxSeconds = 365 * 86_400.0

    /// Reads a scenario from YAML text (JSON is YAML too). Keys are documented in the README and in
    /// `firmware-sim/scenarios/*.yaml`.
    ///
    /// - Parameter source: the file name, used in errors.
    /// - Throws: `ScenarioError` `.syntax` for text that is not YAML, `.unknownKey` for a key the format does not
    ///   have, `.badValue` for a wrong type or range, `.missingKey` for a missing required key; each naming the
    ///   key and the line.
    public init(yaml text: String, source: String) throws(ScenarioError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Self.syntaxError(error, source: source)
        }
        guard let root else { throw ScenarioError(.syntax, source: source, "the file is empty") }
        var fields = try YAMLFields(root, path: "", source: source)
        if let version = try fields.integer("version", in: 0...Int.max), version != 1 {
            throw fields.bad("version", "\(version) is not a scenario version this build reads (1)")
        }
        let devices = try fields.integer("devices", in: 1...SimulationSettings.maxDevices) ?? 20
        let duration = try fields.number("duration", in: 1e-3...Self.maxSeconds)
        let seed = try fields.integer("seed", in: UInt64.min...UInt64.max) ?? 1
        let frameSeconds = try fields.number("frame_seconds", in: 1e-3...3_600) ?? 1
        let format = try fields.choice("format", FrameFormat.self) ?? .binary
        var rates = SensorRates()
        if var rateFields = try fields.mapping("rates") {
            rates.vibration =
                try rateFields.number("vibration", in: 1e-3...SensorFrame.maxSampleRate) ?? rates.vibration
            rates.temperature =
                try rateFields.number("temperature", in: 1e-3...SensorFrame.maxSampleRate) ?? rates.temperature
            rates.current = try rateFields.number("current", in: 1e-3...SensorFrame.maxSampleRate) ?? rates.current
            try rateFields.finish()
        }
        guard let groupList = try fields.list("groups") else { throw fields.missing("groups") }
        guard (1...Self.maxGroups).contains(groupList.count) else {
            throw fields.bad("groups", "\(groupList.count) groups, not 1...\(Self.maxGroups)")
        }
        var groups: [ScenarioGroup] = []
        for var group in groupList { groups.append(try ScenarioGroup(&group)) }
        try fields.finish()
        self.init(
            devices: devices,
            duration: duration,
            seed: seed,
            frameSeconds: frameSeconds,
            format: format,
            rates: rates,
            groups: groups
        )
        try checkGroups(source: source)
    }

    /// Reads the scenario file at `path`.
    ///
    /// - Throws: `ScenarioError` `.unreadableFile`, or as ``init(yaml:source:)``.
    public init(file path: String) throws(ScenarioError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(.unreadableFile, source: path, "cannot read: \(error.localizedDescription)")
        }
        try self.init(yaml: text, source: path)
    }

    /// Group names and sizes that only make sense together.
    private func checkGroups(source: String) throws(ScenarioError) {
        var names: Set<String> = []
        var fractionSum = 0.0
        for (index, group) in groups.enumerated() {
            guard names.insert(group.name).inserted else {
                throw ScenarioError(
                    .badValue,
                    source: source,
                    key: "groups[\(index)].name",
                    "\"\(group.name)\" is used twice"
                )
            }
            if case .fraction(let share) = group.size { fractionSum += share }
        }
        if groups.contains(where: { if case .fraction = $0.size { true } else { false } }),
            abs(fractionSum - 1) > 1e-6
        {
            throw ScenarioError(
                .badValue,
                source: source,
                key: "groups",
                "the fractions add up to \(fractionSum), not 1"
            )
        }
    }

    private static func syntaxError(_ error: any Error, source: String) -> ScenarioError {
        guard let yamlError = error as? YamlError else {
            return ScenarioError(.syntax, source: source, "\(error)")
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ScenarioError(.syntax, source: source, line: mark.line, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(
                .syntax,
                source: source,
                line: context.mark.line,
                key: duplicates.first.map { "\($0)" },
                "set twice in the same mapping"
            )
        default:
            return ScenarioError(.syntax, source: source, "YAML error: \(yamlError)")
        }
    }
}

extension ScenarioGroup {
    /// Reads one entry of `groups`.
    fileprivate init(_ fields: inout YAMLFields) throws(ScenarioError) {
        guard let name = try fields.text("name") else { throw fields.missing("name") }
        guard name.utf8.count <= 32 && DeviceID(validating: name) != nil else {
            throw fields.bad("name", "\"\(name)\" is not 1...32 of [A-Za-z0-9._-]")
        }
        let count = try fields.integer("count", in: 0...SimulationSettings.maxDevices)
        let fraction = try fields.number("fraction", in: 0...1)
        let size: Size
        switch (count, fraction) {
        case (let count?, nil): size = .count(count)
        case (nil, let fraction?): size = .fraction(fraction)
        case (nil, nil): throw fields.missing("count")
        case (.some, .some): throw fields.bad("fraction", "give count or fraction, not both")
        }
        let prefix = try fields.text("id_prefix") ?? name + "-"
        guard prefix.utf8.count <= 48 && DeviceID(validating: prefix) != nil else {
            throw fields.bad("id_prefix", "\"\(prefix)\" is not 1...48 of [A-Za-z0-9._-]")
        }
        var machine = ProfileRanges()
        if var ranges = try fields.mapping("machine") {
            machine.shaftFrequency = try ranges.range("shaft_hz", within: 1...1_000) ?? machine.shaftFrequency
            machine.load = try ranges.range("load", within: 0...1.5) ?? machine.load
            machine.vibrationNoise = try ranges.range("noise_g", within: 0...10) ?? machine.vibrationNoise
            machine.ambientTemperature = try ranges.range("ambient_c", within: -50...100) ?? machine.ambientTemperature
            try ranges.finish()
        }
        var schedule: [StateChange] = []
        for var entry in try fields.list("schedule") ?? [] {
            schedule.append(try StateChange(&entry))
        }
        var drift: [DriftSpec] = []
        for var entry in try fields.list("drift") ?? [] {
            drift.append(try DriftSpec(&entry))
        }
        var faults = DeliveryFaults()
        if var faultFields = try fields.mapping("faults") {
            faults = try DeliveryFaults(&faultFields)
        }
        for (key, count) in [("schedule", schedule.count), ("drift", drift.count)] where count > Scenario.maxEntries {
            throw fields.bad(key, "\(count) entries, at most \(Scenario.maxEntries)")
        }
        try fields.finish()
        self.init(
            name: name,
            size: size,
            idPrefix: prefix,
            machine: machine,
            schedule: schedule,
            drift: drift,
            faults: faults
        )
    }
}

extension StateChange {
    fileprivate init(_ fields: inout YAMLFields) throws(ScenarioError) {
        guard let at = try fields.range("at", within: 0...Scenario.maxSeconds) else { throw fields.missing("at") }
        guard let stateNode = fields.node("state") else { throw fields.missing("state") }
        let items = stateNode.sequence.map(Array.init) ?? [stateNode]
        var states: [MachineState] = []
        for item in items {
            guard let text = item.scalar?.string, let state = MachineState(rawValue: text) else {
                throw fields.bad(
                    "state",
                    "expected one of \(MachineState.allCases.map(\.rawValue).joined(separator: ", ")) or a list of them"
                )
            }
            states.append(state)
        }
        guard !states.isEmpty else { throw fields.bad("state", "the list is empty") }
        try fields.finish()
        self.init(at: at, states: states)
    }
}

extension TimeWindow {
    /// Reads `start` (default 0) and `duration` (default: for ever) from `fields`.
    fileprivate init(_ fields: inout YAMLFields) throws(ScenarioError) {
        self.init(
            start: try fields.number("start", in: 0...Scenario.maxSeconds) ?? 0,
            duration: try fields.number("duration", in: 1e-3...Scenario.maxSeconds)
        )
    }
}

extension DriftSpec {
    fileprivate init(_ fields: inout YAMLFields) throws(ScenarioError) {
        guard let kind = try fields.choice("kind", Kind.self) else { throw fields.missing("kind") }
        let sensor = try fields.choice("sensor", SimulatedSensor.self) ?? .vibration
        let axis = try fields.text("axis")
        if let axis, !sensor.axes.contains(axis) {
            throw fields.bad(
                "axis",
                "\"\(axis)\" is not an axis of \(sensor.rawValue) (\(sensor.axes.joined(separator: ", ")))"
            )
        }
        let window = try TimeWindow(&fields)
        let ramp = try fields.number("ramp", in: 0...Scenario.maxSeconds) ?? 0
        let magnitude = try fields.number("magnitude")
        switch kind {
        case .gain, .speed:
            guard let magnitude, magnitude > 0, magnitude <= 100 else {
                throw magnitude == nil
                    ? fields.missing("magnitude") : fields.bad("magnitude", "a factor must be in (0, 100]")
            }
        case .offset:
            guard magnitude != nil else { throw fields.missing("magnitude") }
        case .noise:
            guard let magnitude, magnitude >= 0 else {
                throw magnitude == nil
                    ? fields.missing("magnitude") : fields.bad("magnitude", "a standard deviation must be ≥ 0")
            }
        case .stuck, .dead:
            guard magnitude == nil else { throw fields.bad("magnitude", "\(kind.rawValue) takes no magnitude") }
        }
        try fields.finish()
        self.init(kind: kind, sensor: sensor, axis: axis, window: window, ramp: ramp, magnitude: magnitude ?? 1)
    }
}

extension DeliveryFaults {
    fileprivate init(_ fields: inout YAMLFields) throws(ScenarioError) {
        self.init()
        disconnects = try Self.windows(&fields, "disconnect")
        bursts = try Self.windows(&fields, "burst")
        if var skew = try fields.mapping("clock_skew") {
            let offset = try skew.number("offset_ms", in: -Scenario.maxSeconds * 1_000...Scenario.maxSeconds * 1_000)
            let ppm = try skew.number("ppm", in: -1e6...1e6)
            guard offset != nil || ppm != nil else { throw skew.missing("offset_ms") }
            clockSkew = ClockSkew(
                offsetMilliseconds: offset ?? 0,
                partsPerMillion: ppm ?? 0,
                window: try TimeWindow(&skew)
            )
            try skew.finish()
        }
        duplicate = try Self.randomFault(&fields, "duplicate")
        outOfOrder = try Self.randomFault(&fields, "out_of_order")
        malformed = try Self.randomFault(&fields, "malformed")
        try fields.finish()
    }

    private static func windows(_ fields: inout YAMLFields, _ key: String) throws(ScenarioError) -> [TimeWindow] {
        var windows: [TimeWindow] = []
        for var entry in try fields.list(key) ?? [] {
            let window = try TimeWindow(&entry)
            guard window.duration != nil else { throw entry.missing("duration") }
            try entry.finish()
            windows.append(window)
        }
        guard windows.count <= Scenario.maxEntries else {
            throw fields.bad(key, "\(windows.count) entries, at most \(Scenario.maxEntries)")
        }
        return windows
    }

    private static func randomFault(_ fields: inout YAMLFields, _ key: String) throws(ScenarioError) -> RandomFault? {
        guard var entry = try fields.mapping(key) else { return nil }
        guard let rate = try entry.number("rate", in: 0...1) else { throw entry.missing("rate") }
        let fault = RandomFault(rate: rate, window: try TimeWindow(&entry))
        try entry.finish()
        return fault
    }
}
