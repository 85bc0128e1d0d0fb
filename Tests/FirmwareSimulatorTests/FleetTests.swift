import FirmwareSimulator
import Foundation
import Testing
import WireProtocol

@Suite struct FleetTests {
    @Test func devicesAreNumberedFromSim0000() throws {
        let fleet = try FleetSimulation(settings: SimulationSettings(deviceCount: 3), startTimestamp: 0)
        #expect(fleet.devices.map(\.id.rawValue) == ["sim-0000", "sim-0001", "sim-0002"])
        #expect(FleetSimulation.deviceID(12_345).rawValue == "sim-12345")
    }

    @Test(arguments: [0.0, 0.3, 1.0])
    func theFaultFractionOfDevicesBreaksWithinTheRun(fraction: Double) throws {
        let settings = try SimulationSettings(
            deviceCount: 20,
            durationSeconds: 30,
            seed: 4,
            faultDeviceFraction: fraction
        )
        let fleet = try FleetSimulation(settings: settings, startTimestamp: 0)
        let onsets = fleet.devices.compactMap(\.faultOnset)
        #expect(onsets.count == settings.faultyDeviceCount)
        for onset in onsets {
            #expect(onset.state != .normal)
            #expect((1..<30).contains(onset.frame))
        }
    }

    @Test func aDeviceIsTheSameMachineWhateverTheFleetSize() throws {
        let small = try FleetSimulation(settings: SimulationSettings(deviceCount: 2, seed: 8), startTimestamp: 0)
        let large = try FleetSimulation(settings: SimulationSettings(deviceCount: 50, seed: 8), startTimestamp: 0)
        #expect(small.devices[1].model.profile == large.devices[1].model.profile)
    }

    @Test(arguments: FrameFormat.allCases)
    func framesDecodeWithTheirAxesAndSimulatedTimestamps(format: FrameFormat) throws {
        let settings = try SimulationSettings(deviceCount: 1, sampleRate: 200, frameSeconds: 0.5, format: format)
        var fleet = try FleetSimulation(settings: settings, startTimestamp: 1_700_000_000_000)
        for frameIndex in 0..<3 {
            let frames = try fleet.devices[0].nextFrames()
            let expectedAxes = [SimulatedSensor.vibration: ["x", "y", "z"], .temperature: ["v"], .current: ["v"]]
            for sensor in SimulatedSensor.allCases {
                let decoded = try SensorFrame.decode(format.encode(frames.frame(of: sensor)))
                #expect(decoded == frames.frame(of: sensor))
                #expect(decoded.axes.map(\.name) == expectedAxes[sensor])
                #expect(decoded.sampleCount == 100)
                #expect(decoded.hz == 200)
                #expect(decoded.ts == 1_700_000_000_000 + Int64(frameIndex) * 500)
            }
        }
    }

    @Test func labelsAreEmittedAtTheStartAndWhenTheFaultBegins() throws {
        let settings = try SimulationSettings(deviceCount: 1, durationSeconds: 20, seed: 2, faultDeviceFraction: 1)
        var fleet = try FleetSimulation(settings: settings, startTimestamp: 5_000)
        let onset = try #require(fleet.devices[0].faultOnset)
        var labels: [Int: GroundTruthLabel] = [:]
        for frameIndex in 0..<20 {
            if let label = try fleet.devices[0].nextFrames().label { labels[frameIndex] = label }
        }
        #expect(labels.keys.sorted() == [0, onset.frame])
        #expect(labels[0] == GroundTruthLabel(state: .normal, ts: 5_000))
        #expect(labels[onset.frame] == GroundTruthLabel(state: onset.state, ts: 5_000 + Int64(onset.frame) * 1_000))
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
