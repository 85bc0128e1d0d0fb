import FirmwareSimulator
import Foundation
import Testing
import WireProtocol

@Suite struct FleetTests {
    @Test func theBuiltInFleetIsNumberedFromSim0000() throws {
        let fleet = try FleetSimulation(settings: Scenario.builtIn.settings(devices: 3), startTimestamp: 0)
        #expect(fleet.devices.map(\.id.rawValue) == ["sim-0000", "sim-0001", "sim-0002"])
        #expect(try FleetSimulation.deviceID("sim-", 12_345).rawValue == "sim-12345")
    }

    @Test(arguments: [(20, 2), (10, 1), (3, 0), (100, 10)] as [(Int, Int)])
    func theBuiltInScenarioBreaksOneDeviceInTen(devices: Int, faulty: Int) throws {
        let settings = try Scenario.builtIn.settings(devices: devices, frameSeconds: 10)
        let fleet = try FleetSimulation(settings: settings, startTimestamp: 0)
        let schedules = fleet.devices.map(\.schedule).filter { !$0.isEmpty }
        #expect(schedules.count == faulty)
        for schedule in schedules {
            #expect(schedule.count == 1)
            #expect(schedule[0].state != .normal)
            // Drawn within 30...600 s, on a 10 s frame grid.
            #expect((3...60).contains(schedule[0].frame))
        }
    }

    @Test func groupsShareTheFleetByCountAndFraction() throws {
        let scenario = try Scenario(
            yaml: """
                groups:
                  - {name: fixed, count: 3}
                  - {name: most, fraction: 0.7}
                  - {name: rest, fraction: 0.3, id_prefix: fixed-}
                """,
            source: "inline"
        )
        #expect(scenario.groupSizes(deviceCount: 13) == [3, 7, 3])
        #expect(scenario.groupSizes(deviceCount: 4) == [3, 1, 0])
        let fleet = try FleetSimulation(scenario: scenario, settings: scenario.settings(devices: 8), startTimestamp: 0)
        // Groups sharing a prefix continue its numbering.
        #expect(
            fleet.devices.map(\.id.rawValue) == [
                "fixed-0000", "fixed-0001", "fixed-0002", "most-0000", "most-0001", "most-0002", "most-0003",
                "fixed-0003",
            ]
        )
        #expect(fleet.groupIndex == [0, 0, 0, 1, 1, 1, 1, 2])
    }

    @Test func groupMachinesComeFromTheirRanges() throws {
        let scenario = try ScenarioFixture.group(
            "machine: {shaft_hz: [10, 11], load: 0.25, noise_g: [0, 0.001], ambient_c: [-5, -4]}",
            count: 20
        )
        let fleet = try FleetSimulation(scenario: scenario, settings: scenario.settings(), startTimestamp: 0)
        for profile in fleet.devices.map(\.model.profile) {
            #expect((10...11).contains(profile.shaftFrequency))
            #expect(profile.load == 0.25)
            #expect((0...0.001).contains(profile.vibrationNoise))
            #expect((-5 ... -4).contains(profile.ambientTemperature))
        }
    }

    @Test(arguments: FrameFormat.allCases)
    func framesDecodeWithTheirAxesRatesAndSimulatedTimestamps(format: FrameFormat) throws {
        let settings = try SimulationSettings(
            deviceCount: 1,
            rates: SensorRates(vibration: 200, temperature: 1, current: 10),
            frameSeconds: 0.5,
            format: format
        )
        var fleet = try FleetSimulation(settings: settings, startTimestamp: 1_700_000_000_000)
        for frameIndex in 0..<4 {
            let frames = try fleet.devices[0].nextFrames()
            let ts = 1_700_000_000_000 + Int64(frameIndex) * 500
            let expected: [SimulatedSensor: (count: Int, hz: Double, ts: Int64)?] = [
                .vibration: (100, 200, ts),
                .current: (5, 10, ts),
                // One temperature sample per second: in every other half-second frame.
                .temperature: frameIndex % 2 == 0 ? (1, 1, ts) : nil,
            ]
            for sensor in SimulatedSensor.allCases {
                guard let want = expected[sensor] ?? nil else {
                    #expect(frames.frame(of: sensor) == nil)
                    continue
                }
                let frame = try #require(frames.frame(of: sensor))
                let decoded = try SensorFrame.decode(format.encode(frame))
                #expect(decoded == frame)
                #expect(decoded.axes.map(\.name) == sensor.axes)
                #expect(decoded.sampleCount == want.count)
                #expect(decoded.hz == want.hz)
                #expect(decoded.ts == want.ts)
            }
        }
    }

    @Test func labelsAreEmittedAtTheStartAndAtEveryScheduledChange() throws {
        let scenario = try ScenarioFixture.group(
            """
            schedule:
              - {at: 4.5, state: bearing_outer}
              - {at: 2, state: imbalance}
              - {at: 8, state: normal}
            """,
            rate: 100
        )
        var fleet = try FleetSimulation(scenario: scenario, settings: scenario.settings(), startTimestamp: 5_000)
        var labels: [Int: GroundTruthLabel] = [:]
        for frameIndex in 0..<12 {
            if let label = try fleet.devices[0].nextFrames().label { labels[frameIndex] = label }
        }
        #expect(
            labels == [
                0: GroundTruthLabel(state: .normal, ts: 5_000), 2: GroundTruthLabel(state: .imbalance, ts: 7_000),
                5: GroundTruthLabel(state: .bearingOuter, ts: 10_000), 8: GroundTruthLabel(state: .normal, ts: 13_000),
            ]
        )
    }

    @Test(arguments: MachineState.allCases)
    func labelJSONHasVersionStateAndTimestamp(state: MachineState) throws {
        let bytes = GroundTruthLabel(state: state, ts: 1_700_000_000_123).encodeJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["v"] as? Int == 1)
        #expect(object["state"] as? String == state.rawValue)
        #expect(object["ts"] as? Int64 == 1_700_000_000_123)
        #expect(object.count == 3)
    }
}
