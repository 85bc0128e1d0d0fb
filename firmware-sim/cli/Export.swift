import ArgumentParser
import FirmwareSimulator
import Foundation
import SensorDataset

extension FirmwareSim {
    /// `firmware-sim export`: writes labelled vibration windows to `DIR/dataset.efds`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a labelled dataset of raw vibration windows (DIR/dataset.efds) for training."
        )

        @OptionGroup var scenarioOptions: ScenarioOptions

        @Option(parsing: .unconditional, help: "Simulated seconds per device.")
        var seconds: Double

        @Option(help: "Directory to write dataset.efds into (created if missing).")
        var out: String

        @Option(parsing: .unconditional, help: "Samples per window and axis.")
        var window = 256

        @Option(
            name: .customLong("start-ms"),
            parsing: .unconditional,
            help: "Unix milliseconds of the first sample (default 1700000000000, so exports are reproducible)."
        )
        var startMilliseconds: Int64 = 1_700_000_000_000

        func validate() throws {
            guard (1...65_536).contains(window) else {
                throw ValidationError("--window: \(window) is not in 1...65536")
            }
            guard seconds.isFinite, seconds > 0 else { throw ValidationError("--seconds: \(seconds) is not positive") }
            guard !out.isEmpty else { throw ValidationError("--out: must not be empty") }
        }

        func run() async throws {
            let rate = try scenarioOptions.rate ?? scenarioOptions.resolve().0.rates.vibration
            let (scenario, settings) = try scenarioOptions.resolve(
                frameSeconds: Double(window) / rate,
                duration: seconds
            )
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let path = out + "/dataset." + DatasetFormat.fileExtension
            let summary = try DatasetExport.export(
                scenario: scenario,
                settings: settings,
                startTimestamp: startMilliseconds,
                to: path
            )
            let labels = summary.windowsPerLabel.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            print("wrote \(summary.windows) windows to \(path): \(labels.joined(separator: " "))")
        }
    }
}
