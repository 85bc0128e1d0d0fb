import FirmwareSimulator
import TestSupport
import Testing

@Suite struct ScenarioTests {
    @Test func theBuiltInScenarioParses() throws {
        let scenario = Scenario.builtIn
        #expect(scenario.devices == 20)
        #expect(scenario.rates == SensorRates(vibration: 1_000, temperature: 1, current: 10))
        #expect(scenario.groups.map(\.name) == ["healthy", "faulty"])
        #expect(
            scenario.groups[1].schedule == [StateChange(at: 30...600, states: Array(MachineState.allCases.dropFirst()))]
        )
    }

    @Test func theDemoScenarioHasEveryKindOfDriftAndFault() throws {
        let scenario = try ScenarioFixture.file("demo.yaml")
        #expect(scenario.duration == 900)
        #expect(scenario.seed == 7)
        let drifts = Set(scenario.groups.flatMap(\.drift).map(\.kind))
        #expect(drifts == [.gain, .offset, .speed, .stuck])
        let conveyors = scenario.groups[2].faults
        #expect(conveyors.disconnects == [TimeWindow(start: 240, duration: 30)])
        #expect(conveyors.bursts == [TimeWindow(start: 500, duration: 20)])
        #expect(conveyors.clockSkew == DeliveryFaults.ClockSkew(offsetMilliseconds: 1_500, partsPerMillion: 200))
        #expect(conveyors.duplicate?.rate == 0.01)
        #expect(conveyors.outOfOrder?.rate == 0.01)
        #expect(conveyors.malformed?.rate == 0.005)
        #expect(scenario.groups[1].machine.shaftFrequency == 15...20)
    }

    @Test func theDriftScenarioDriftsTenPercentOfTheFleet() throws {
        let scenario = try ScenarioFixture.file("drift-10pct.yaml")
        let fleet = try FleetSimulation(scenario: scenario, settings: scenario.settings(), startTimestamp: 0)
        #expect(fleet.devices.count == 100)
        #expect(fleet.groupIndex.filter { $0 == 1 }.count == 10)
        #expect(scenario.groups[1].drift.allSatisfy { $0.window.start == 300 && $0.ramp == 600 })
    }

    @Test func jsonIsAcceptedToo() throws {
        let scenario = try Scenario(
            yaml:
                #"{"devices": 3, "groups": [{"name": "a", "fraction": 1, "drift": [{"kind": "dead", "sensor": "current"}]}]}"#,
            source: "inline.json"
        )
        #expect(scenario.groups[0].drift == [DriftSpec(kind: .dead, sensor: .current)])
    }

    /// A bad scenario, the error it must give and the text the message must contain.
    struct BadFile: Sendable, CustomTestStringConvertible {
        let yaml: String
        let code: ScenarioError.Code
        let key: String?
        let line: Int?
        let mentions: String
        var testDescription: String { "\(code) \(key ?? "-")" }
    }

    static let badFiles: [BadFile] = [
        // The parser notices the missing bracket at the end of the text.
        BadFile(yaml: "groups: [{name: a, count: 1}", code: .syntax, key: nil, line: 2, mentions: "YAML syntax error"),
        BadFile(yaml: "groups:\n  - name: a\n   count: 1", code: .syntax, key: nil, line: 3, mentions: "YAML"),
        BadFile(yaml: "", code: .syntax, key: nil, line: nil, mentions: "empty"),
        BadFile(yaml: "- a\n- b", code: .badValue, key: nil, line: 1, mentions: "expected a mapping"),
        BadFile(
            yaml: "devcies: 3\ngroups: [{name: a, count: 1}]",
            code: .unknownKey,
            key: "devcies",
            line: 1,
            mentions: "allowed here: devices, duration, format, frame_seconds, groups, rates, seed, version"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: 1\n    drift:\n      - {kind: gain, magnitude: 2, rmap: 3}",
            code: .unknownKey,
            key: "groups[0].drift[0].rmap",
            line: 5,
            mentions: "ramp"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: 1\n    faults: {malformed: {rate: 1.5}}",
            code: .badValue,
            key: "groups[0].faults.malformed.rate",
            line: 4,
            mentions: "1.5 is not in 0.0...1.0"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: 1\n    drift: [{kind: gian, magnitude: 2}]",
            code: .badValue,
            key: "groups[0].drift[0].kind",
            line: 4,
            mentions: "\"gian\" is not one of gain, offset"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: 1\n    schedule: [{at: 5, state: broken}]",
            code: .badValue,
            key: "groups[0].schedule[0].state",
            line: 4,
            mentions: "bearing_outer"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: 1\n    schedule: [{at: [9, 3], state: normal}]",
            code: .badValue,
            key: "groups[0].schedule[0].at",
            line: 4,
            mentions: "increasing range"
        ),
        BadFile(
            yaml: "groups:\n  - name: a\n    count: many",
            code: .badValue,
            key: "groups[0].count",
            line: 3,
            mentions: "expected a whole number, got \"many\""
        ),
        BadFile(
            yaml: "groups:\n  - {name: a, fraction: 0.5}\n  - {name: b, fraction: 0.4}",
            code: .badValue,
            key: "groups",
            line: nil,
            mentions: "add up to 0.9"
        ),
        BadFile(
            yaml: "groups:\n  - {name: a, count: 1}\n  - {name: a, count: 2}",
            code: .badValue,
            key: "groups[1].name",
            line: nil,
            mentions: "used twice"
        ),
        BadFile(
            yaml: "groups:\n  - {name: a, count: 1, drift: [{kind: gain, axis: v}]}",
            code: .badValue,
            key: "groups[0].drift[0].axis",
            line: 2,
            mentions: "not an axis of vibration"
        ),
        BadFile(
            yaml: "groups:\n  - {name: a, count: 1, drift: [{kind: stuck, magnitude: 3}]}",
            code: .badValue,
            key: "groups[0].drift[0].magnitude",
            line: 2,
            mentions: "takes no magnitude"
        ),
        BadFile(
            yaml: "groups:\n  - {name: a, count: 1, drift: [{kind: gain}]}",
            code: .missingKey,
            key: "groups[0].drift[0].magnitude",
            line: 2,
            mentions: "required"
        ),
        BadFile(yaml: "devices: 4", code: .missingKey, key: "groups", line: 1, mentions: "required"),
        BadFile(
            yaml: "groups:\n  - {name: 'a b', count: 1}",
            code: .badValue,
            key: "groups[0].name",
            line: 2,
            mentions: "[A-Za-z0-9._-]"
        ),
        BadFile(yaml: "version: 2\ngroups: []", code: .badValue, key: "version", line: 1, mentions: "version"),
        BadFile(
            yaml: "groups:\n  - {name: a, count: 1, faults: {disconnect: [{start: 3}]}}",
            code: .missingKey,
            key: "groups[0].faults.disconnect[0].duration",
            line: 2,
            mentions: "required"
        ),
        // Yams points at the mapping that holds the duplicate.
        BadFile(yaml: "seed: 1\nseed: 2\ngroups: []", code: .syntax, key: "seed", line: 1, mentions: "set twice"),
    ]

    @Test(arguments: badFiles)
    func badFilesGiveAnErrorNamingTheKeyAndLine(_ bad: BadFile) {
        let error = #expect(throws: ScenarioError.self) { try Scenario(yaml: bad.yaml, source: "bad.yaml") }
        #expect(error?.code == bad.code)
        #expect(error?.key == bad.key)
        #expect(error?.line == bad.line)
        #expect(error?.description.contains(bad.mentions) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("bad.yaml") == true)
    }

    @Test func anUnreadableFileIsAnError() throws {
        let error = #expect(throws: ScenarioError.self) { try Scenario(file: "/nonexistent/scenario.yaml") }
        #expect(error?.code == .unreadableFile)
        #expect(error?.description.hasPrefix("/nonexistent/scenario.yaml: cannot read") == true)
    }

    @Test func errorsPrintAsOneLineWithFileLineAndKey() {
        let error = ScenarioError(.badValue, source: "demo.yaml", line: 12, key: "groups[0].count", "bad\nvalue")
        #expect(error.description == "demo.yaml:12: groups[0].count: bad value")
    }

    @Test func commandLineOptionsOverrideTheScenario() throws {
        let scenario = try ScenarioFixture.file("demo.yaml")
        let defaults = try scenario.settings()
        #expect(defaults.deviceCount == 20)
        #expect(defaults.durationSeconds == 900)
        #expect(defaults.seed == 7)
        let overridden = try scenario.settings(devices: 1_000, rate: 100, duration: 15, seed: 3, format: .json)
        #expect(overridden.deviceCount == 1_000)
        #expect(overridden.rates == SensorRates(vibration: 100, temperature: 1, current: 10))
        #expect(overridden.durationSeconds == 15)
        #expect(overridden.seed == 3)
        #expect(overridden.format == .json)
    }
}
