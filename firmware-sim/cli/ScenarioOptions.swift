import ArgumentParser
import FirmwareSimulator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The options `run` and `export` share: the scenario file and the settings that override its defaults.
struct ScenarioOptions: ParsableArguments {
    // Numeric options take the next argument even when it starts with "-", so that a negative value gets the
    // simulator's own explanation instead of "unknown option".
    @Option(help: "Scenario file, YAML or JSON (default: the built-in scenario; keys in the README).")
    var scenario: String?

    @Option(parsing: .unconditional, help: "Number of simulated devices (default: the scenario's).")
    var devices: Int?

    @Option(parsing: .unconditional, help: "Vibration samples per second, Hz (default: the scenario's, 1000).")
    var rate: Double?

    @Option(parsing: .unconditional, help: "Simulated seconds to run (default: the scenario's, or until stopped).")
    var duration: Double?

    @Option(parsing: .unconditional, help: "Seed of every random choice; the same seed replays the same fleet.")
    var seed: UInt64?

    /// The scenario and the settings, or the one-line error on stderr and exit status 2.
    func resolve(
        format: FrameFormat? = nil,
        frameSeconds: Double? = nil,
        duration override: Double? = nil
    ) throws -> (Scenario, SimulationSettings) {
        do {
            let scenario = try scenario.map { path throws(ScenarioError) in try Scenario(file: path) } ?? .builtIn
            let settings = try scenario.settings(
                devices: devices,
                rate: rate,
                frameSeconds: frameSeconds,
                duration: override ?? duration,
                seed: seed,
                format: format
            )
            try scenario.checkRate(settings.rates.vibration)
            return (scenario, settings)
        } catch {
            let line = Array("firmware-sim: \(error)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            throw ExitCode(2)
        }
    }
}
