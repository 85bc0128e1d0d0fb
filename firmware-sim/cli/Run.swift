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

        @OptionGroup var scenarioOptions: ScenarioOptions

        @Option(
            help:
                "Frame encoding: \(FrameFormat.allCases.map(\.rawValue).joined(separator: " or ")) (default: the scenario's)."
        )
        var format: String?

        @Option(name: .customLong("broker-host"), help: "MQTT broker host.")
        var brokerHost: String = "127.0.0.1"

        @Option(name: .customLong("broker-port"), parsing: .unconditional, help: "MQTT broker port.")
        var brokerPort: Int = 1883

        @Flag(help: "Publish as fast as the broker takes frames instead of in real time.")
        var fast = false

        @Option(
            name: .customLong("log-level"),
            help: "Log level: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))."
        )
        var logLevel: String = Logger.Level.info.rawValue

        func validate() throws {
            guard (1...65_535).contains(brokerPort) else {
                throw ValidationError("--broker-port: \(brokerPort) is not in 1...65535")
            }
            guard !brokerHost.isEmpty else { throw ValidationError("--broker-host: must not be empty") }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level: \"\(logLevel)\" is not one of the levels listed in --help")
            }
        }

        func run() async throws {
            let (scenario, settings) = try scenarioOptions.resolve(format: try frameFormat())
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
                scenario: scenario,
                settings: settings,
                pacing: fast ? .fast : .realTime,
                mqtt: mqtt,
                logger: logger
            )
            // Reaching --duration is a normal end, not a failure.
            try await DaemonLauncher.run(service, logger: logger, mayFinish: true)
        }

        /// The `--format` option, if given.
        private func frameFormat() throws -> FrameFormat? {
            guard let format else { return nil }
            guard let frameFormat = FrameFormat(rawValue: format) else {
                throw ValidationError(
                    "--format: \"\(format)\" is not one of \(FrameFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return frameFormat
        }
    }
}
