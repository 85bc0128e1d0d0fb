import FirmwareSimulator
import Foundation
import SensorDataset
import TestSupport
import Testing

@Suite struct ExportTests {
    static let scenario = """
        rates: {vibration: 1000}
        groups:
          - {name: ok, count: 2}
          - name: bad
            count: 1
            schedule: [{at: 1, state: bearing_outer}, {at: 2.048, state: misalignment}]
            faults: {malformed: {rate: 1}}
        """

    @Test func exportsLabelledWindowsThatTheReaderReadsBack() throws {
        let directory = try TemporaryDirectory(prefix: "export")
        defer { directory.remove() }
        let scenario = try Scenario(yaml: Self.scenario, source: "inline")
        // 256-sample windows: 12 of them cover 3.072 s.
        let settings = try scenario.settings(frameSeconds: 0.256, duration: 3)
        let path = directory.file("data.efds")
        let summary = try DatasetExport.export(
            scenario: scenario,
            settings: settings,
            startTimestamp: 1_700_000_000_000,
            to: path
        )
        let windows = try DatasetReader.readAll(path: path)
        #expect(windows.count == 36)
        #expect(summary.windows == 36)
        #expect(summary.windowsPerLabel == ["normal": 28, "bearing_outer": 4, "misalignment": 4])
        let bad = windows.filter { $0.device.rawValue == "bad-0000" }
        // State changes land on the first window starting at or after their time: 1 s → window 4, 2.048 s → 8.
        #expect(
            bad.map(\.label) == Array(repeating: "normal", count: 4) + Array(repeating: "bearing_outer", count: 4)
                + Array(repeating: "misalignment", count: 4)
        )
        for (index, window) in bad.enumerated() {
            #expect(window.sensor == "vibration")
            #expect(window.frame.hz == 1_000)
            #expect(window.frame.sampleCount == 256)
            #expect(window.frame.axes.map(\.name) == ["x", "y", "z"])
            #expect(window.frame.ts == 1_700_000_000_000 + Int64(index) * 256)
        }
        // Delivery faults do not touch the dataset: every window is intact.
        #expect(Set(windows.map(\.device.rawValue)) == ["ok-0000", "ok-0001", "bad-0000"])
    }

    @Test func theSameSeedExportsTheSameBytes() throws {
        let directory = try TemporaryDirectory(prefix: "export")
        defer { directory.remove() }
        let scenario = try Scenario(yaml: Self.scenario, source: "inline")
        let settings = try scenario.settings(frameSeconds: 0.256, duration: 2)
        var files: [Data] = []
        for name in ["one.efds", "two.efds"] {
            _ = try DatasetExport.export(
                scenario: scenario,
                settings: settings,
                startTimestamp: 0,
                to: directory.file(name)
            )
            files.append(try Data(contentsOf: URL(fileURLWithPath: directory.file(name))))
        }
        #expect(files[0] == files[1])
    }

    @Test func anExportNeedsADuration() throws {
        let settings = try Scenario.builtIn.settings(devices: 1)
        let error = #expect(throws: SimulationError.self) {
            try DatasetExport.export(scenario: .builtIn, settings: settings, startTimestamp: 0, to: "/tmp/never.efds")
        }
        #expect(error?.setting == "seconds")
    }

    @Test func anUnwritableDirectoryIsAnExportError() throws {
        let settings = try Scenario.builtIn.settings(devices: 1, duration: 1)
        let error = #expect(throws: SimulationError.self) {
            try DatasetExport.export(
                scenario: .builtIn,
                settings: settings,
                startTimestamp: 0,
                to: "/nonexistent/dir/data.efds"
            )
        }
        #expect(error?.code == .exportFailed)
        #expect(error?.description.contains("/nonexistent/dir/data.efds.partial: io: cannot open") == true)
    }
}
