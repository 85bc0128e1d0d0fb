import SensorDataset
import WireProtocol

/// Writes a fleet's labelled vibration windows to a dataset file, so that a model can be trained before any
/// device runs: each device's accelerometer stream is cut into consecutive windows of ``SimulationSettings/
/// samplesPerFrame`` samples (one frame each), labelled with the machine state of that window. State changes
/// happen at frame boundaries, so no window mixes two states. Drift applies; delivery faults do not.
public enum DatasetExport {
    /// What an export wrote.
    public struct Summary: Sendable, Hashable {
        /// Windows written.
        public var windows = 0
        /// Windows per label.
        public var windowsPerLabel: [String: Int] = [:]
    }

    /// Simulates `settings.frameCount` frames of every device and writes their vibration windows to `path`.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` for settings without a duration or a bad fleet,
    ///   `.exportFailed` when the file cannot be written.
    public static func export(
        scenario: Scenario,
        settings: SimulationSettings,
        startTimestamp: Int64,
        to path: String
    ) throws(SimulationError) -> Summary {
        guard let frameCount = settings.frameCount else {
            throw SimulationError(.invalidSetting, setting: "seconds", "an export needs a length")
        }
        var fleet = try FleetSimulation(scenario: scenario, settings: settings, startTimestamp: startTimestamp)
        var summary = Summary()
        do throws(DatasetError) {
            let writer = try DatasetWriter(path: path)
            for index in fleet.devices.indices {
                for _ in 0..<frameCount {
                    let frames: DeviceFrames
                    let window: LabelledWindow
                    do throws(WireError) {
                        frames = try fleet.devices[index].nextFrames()
                        guard let vibration = frames.vibration else { continue }
                        window = try LabelledWindow(
                            device: frames.device,
                            sensor: SimulatedSensor.vibration.rawValue,
                            label: fleet.devices[index].model.state.rawValue,
                            frame: vibration
                        )
                    } catch {
                        throw DatasetError(.invalidRecord, path: path, "\(fleet.devices[index].id): \(error)")
                    }
                    try writer.append(window)
                    summary.windows += 1
                    summary.windowsPerLabel[window.label, default: 0] += 1
                }
            }
            try writer.finish()
        } catch {
            throw SimulationError(.exportFailed, "\(error)")
        }
        return summary
    }
}
