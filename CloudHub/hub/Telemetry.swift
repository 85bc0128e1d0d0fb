import ArgumentParser
import HubCore
import WireProtocol

extension Hub {
    struct Telemetry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest telemetry records of one device.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "Device id.") var device: String
        @Option(help: "How many records, newest last.") var last = 20

        func run() async throws {
            let records = try options.store().telemetry(device: device, limit: last, newest: true)
            if records.isEmpty { print("no telemetry from \(device) yet") }
            for record in records { print("\(record.seq)  \(record.ts)  \(Self.describe(record.payload))") }
        }

        static func describe(_ payload: TelemetryPayload) -> String {
            switch payload {
            case .prediction(let p):
                return
                    "prediction \(p.label) score \(p.score) by \(p.modelName)@\(p.modelVersion) in \(p.latencyMicros)µs"
                    + (p.truth.map { " (truth \($0))" } ?? "")
            case .health(let h):
                return "health cpu \(h.cpuFraction) memory \(h.memoryBytes)B p50 \(h.inferenceLatencyP50Micros)µs "
                    + "p99 \(h.inferenceLatencyP99Micros)µs errors \(h.errorCount) outbox \(h.outboxDepth)"
            case .featureSummary(let values):
                return "features (\(values.count) values)"
            case .labelledFeatures(let label, let values):
                return "labelled features \(label) (\(values.count) values)"
            case .metric(let name, let value):
                return "metric \(name) = \(value)"
            case .driftSummary(let record):
                return "drift summary of \(record.model.name)@\(record.model.version) over "
                    + "\(record.intervalEndMs - record.intervalStartMs) ms (\(record.features.count) features)"
            }
        }
    }
}
