import ArgumentParser
import DaemonSupport
import FirmwareSimulator
import Logging
import MQTTTransport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FirmwareSim {
    /// `firmware-sim run`: simulates until `--duration` or SIGINT/SIGTERM.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish simulated sensor frames until --duration or SIGINT/SIGTERM."
        )

        // Numeric options take the next argument even when it starts with "-", so that a negative value gets
        // the simulator's own explanation instead of "unknown option".
        @Option(parsing: .unconditional, help: "Number of simulated devices, sim-0000 upwards.")
        var devices: Int

        @Option(parsing: .unconditional, help: "Samples per second of every sensor, Hz.")
        var rate: Double = 100

        @Option(name: .customLong("frame-seconds"), parsing: .unconditional, help: "Simulated seconds per frame.")
        var frameSeconds: Double = 1

        @Option(parsing: .unconditional, help: "Simulated seconds to run (default: until stopped).")
        var duration: Double?

        @Option(parsing: .unconditional, help: "Seed of every random choice; the same seed replays the same fleet.")
        var seed: UInt64 = 1

        @Option(help: "Frame encoding: \(FrameFormat.allCases.map(\.rawValue).joined(separator: " or ")).")
        var format: String = FrameFormat.binary.rawValue

        @Option(name: .customLong("broker-host"), help: "MQTT broker host.")
        var brokerHost: String = "127.0.0.1"

        @Option(name: .customLong("broker-port"), parsing: .unconditional, help: "MQTT broker port.")
        var brokerPort: Int = 1883

        @Option(
            name: .customLong("fault-device-fraction"),
            parsing: .unconditional,
            help: "Share of devices, 0...1, that switch to a fault at a seeded random time."
        )
        var faultDeviceFraction: Double = 0.1

        @Flag(help: "Publish as fast as the broker takes frames instead of in real time.")
        var fast = false

        @Option(
            name: .customLong("log-level"),
            help: "Log level: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))."
        )
        var logLevel: String = Logger.Level.info.rawValue

        func validate() throws {
            _ = try settings()
            guard (1...65_535).contains(brokerPort) else {
                throw ValidationError("--broker-port: \(brokerPort) is not in 1...65535")
            }
            guard !brokerHost.isEmpty else { throw ValidationError("--broker-host: must not be empty") }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level: \"\(logLevel)\" is not one of the levels listed in --help")
            }
        }

        func run() async throws {
            let settings = try settings()
            LogSettings.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
            let logger = Logger(label: "firmware-sim")
            var mqtt = MQTTConfiguration(
                host: brokerHost,
                port: brokerPort,
                clientID: "firmware-sim-\(getpid())",
                logger: logger
            )
            // Frames are QoS 0 and many: a wide window keeps the socket busy while the simulator computes.
            mqtt.maxInFlight = 8_192
            let service = SimulatorService(
                settings: settings,
                pacing: fast ? .fast : .realTime,
                mqtt: mqtt,
                logger: logger
            )
            // Reaching --duration is a normal end, not a failure.
            try await DaemonLauncher.run(service, logger: logger, mayFinish: true)
        }

        /// The validated simulation settings, or the option that is wrong and why.
        private func settings() throws -> SimulationSettings {
            guard let frameFormat = FrameFormat(rawValue: format) else {
                throw ValidationError(
                    "--format: \"\(format)\" is not one of \(FrameFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            do {
                return try SimulationSettings(
                    deviceCount: devices,
                    sampleRate: rate,
                    frameSeconds: frameSeconds,
                    durationSeconds: duration,
                    seed: seed,
                    format: frameFormat,
                    faultDeviceFraction: faultDeviceFraction
                )
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}
