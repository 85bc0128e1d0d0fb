import ArgumentParser
import MQTTTransport
import TestSupport

/// `bench mqtt`: end-to-end MQTT throughput through the project's client at QoS 0 and QoS 1, beside
/// `mosquitto_pub -l | mosquitto_sub -C N` on the same broker in the same run.
///
/// Without `--port` every measurement gets a fresh broker (TestSupport's, `max_queued_messages 0`); with `--port`
/// all run on that broker, each on a topic of its own.
struct MQTTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mqtt",
        abstract: "End-to-end MQTT throughput (QoS 0 and 1) through the project's client and the mosquitto CLI."
    )

    @Option(help: "Messages per measurement.")
    var messages = 100_000

    @Option(help: "Payload bytes per message (the mosquitto CLI sends lines of one byte less plus a newline).")
    var size = 64

    @Option(help: "Port of a running broker on 127.0.0.1; without it each measurement starts its own.")
    var port: Int?

    @Option(help: "Seconds one measurement may take before it counts as failed.")
    var timeout = 120

    func validate() throws {
        guard messages > 0 else { throw ValidationError("--messages must be at least 1") }
        guard (4...65_536).contains(size) else { throw ValidationError("--size must be 4...65536 bytes") }
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be 1...65535") }
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
    }

    func run() async throws {
        let qos0 = try await client(.atMostOnce)
        let qos1 = try await client(.atLeastOnce)
        let cli0 = try cli(qos: 0)
        let cli1 = try cli(qos: 1)

        var line = JSONLine()
        line.add("bench", "mqtt")
        line.add("messages", messages)
        line.add("payload_bytes", size)
        line.add("qos0_msgs_per_s", qos0.messagesPerSecond, decimals: 0)
        line.add("qos1_msgs_per_s", qos1.messagesPerSecond, decimals: 0)
        line.add("mosquitto_cli_qos0_msgs_per_s", cli0.messagesPerSecond, decimals: 0)
        line.add("mosquitto_cli_qos1_msgs_per_s", cli1.messagesPerSecond, decimals: 0)
        line.add("qos0_ratio_vs_cli", qos0.messagesPerSecond / cli0.messagesPerSecond, decimals: 3)
        line.add("qos1_ratio_vs_cli", qos1.messagesPerSecond / cli1.messagesPerSecond, decimals: 3)
        line.add("qos0_received", qos0.received)
        line.add("qos1_received", qos1.received)
        line.add("mosquitto_cli_qos0_received", cli0.received)
        line.add("mosquitto_cli_qos1_received", cli1.received)
        line.add("mosquitto_cli_payload_bytes", size - 1)
        for (name, result) in [
            ("qos0", qos0), ("qos1", qos1), ("mosquitto_cli_qos0", cli0), ("mosquitto_cli_qos1", cli1),
        ] {
            line.add("\(name)_client_cpu_us_per_msg", result.clientMicrosecondsPerMessage, decimals: 2)
            line.add("\(name)_broker_cpu_us_per_msg", result.brokerMicrosecondsPerMessage, decimals: 2)
        }
        print(line.text)
    }

    private func client(_ qos: QoS) async throws -> Throughput {
        let before = CPUUsage.now()
        let broker = try port == nil ? MosquittoBroker() : nil
        defer { broker?.stop() }
        let run = ClientThroughput(
            port: broker?.port ?? port ?? 0,
            topic: uniqueTopic("client", qos.rawValue),
            messages: messages,
            payloadBytes: size,
            qos: qos,
            timeout: .seconds(timeout),
            measurement: "qos\(qos.rawValue)"
        )
        var result = try await run.run()
        broker?.stop()
        let after = CPUUsage.now()
        result.clientCPU = after.process - before.process
        if broker != nil { result.brokerCPU = after.children - before.children }
        return result
    }

    private func cli(qos: Int) throws -> Throughput {
        let before = CPUUsage.now()
        let broker = try port == nil ? MosquittoBroker() : nil
        defer { broker?.stop() }
        let run = MosquittoCLIThroughput(
            port: broker?.port ?? port ?? 0,
            topic: uniqueTopic("cli", Int32(qos)),
            messages: messages,
            payloadBytes: size - 1,
            qos: qos,
            timeout: .seconds(timeout),
            measurement: "mosquitto_cli_qos\(qos)"
        )
        var result = try run.run()
        broker?.stop()
        if broker != nil, let tools = result.clientCPU {
            result.brokerCPU = CPUUsage.now().children - before.children - tools
        }
        return result
    }

    private func uniqueTopic(_ kind: String, _ qos: Int32) -> String {
        "bench/\(kind)/qos\(qos)/\(UInt32.random(in: 0...UInt32.max))"
    }
}
