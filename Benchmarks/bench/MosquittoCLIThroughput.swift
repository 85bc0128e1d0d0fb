import Foundation
import Synchronization
import TestSupport

/// The peer figure: `mosquitto_pub -l` feeding `mosquitto_sub -C N` on the same broker, both MQTT 5, default options.
///
/// Timed from the start of mosquitto_pub to the exit of mosquitto_sub. The subscriber is known to be subscribed
/// before the clock starts because it first receives a retained marker message (counted in its `-C`).
///
/// mosquitto_pub 2.0.11 cannot send more than 65,535 lines at QoS 1 in one process: its 16-bit message ids wrap and
/// it disconnects at the first PUBACK that carries the last id (after 34,465 of 100,000, losing the rest). So the
/// lines go through consecutive mosquitto_pub processes of at most ``linesPerPublisher`` each, at both QoS levels.
///
/// Blocks the calling thread for the run: nothing else of the benchmark runs meanwhile.
struct MosquittoCLIThroughput {
    /// Broker port on 127.0.0.1.
    var port: Int
    /// Topic used only by this run.
    var topic: String
    /// Messages to send.
    var messages: Int
    /// Payload bytes of each message: one line of this many characters (mosquitto_pub strips the newline).
    var payloadBytes: Int
    /// 0 or 1.
    var qos: Int
    /// Longest the subscriber may take before the run counts as failed.
    var timeout: Duration
    /// The name of this measurement in errors, for example `mosquitto_cli_qos1`.
    var measurement: String

    /// Most lines one mosquitto_pub process is given, safely below its 65,535 message ids.
    static let linesPerPublisher = 60_000
    private static let marker = "ready"

    /// Runs the pipeline once and counts what mosquitto_sub wrote out.
    /// - Throws: ``BenchmarkError`` when a tool fails, times out or messages are missing.
    func run() throws -> Throughput {
        let directory = try TemporaryDirectory(prefix: "bench-cli")
        defer { directory.remove() }
        let output = directory.file("received.txt")
        let errors = directory.file("errors.txt")
        let inputs = try writeInputs(in: directory)
        let common = ["-p", String(port), "-h", "127.0.0.1", "-t", topic, "-V", "mqttv5"]
        let seconds = String(Int(timeout.components.seconds) + 1)

        var toolsCPU = try runToCompletion(
            ["mosquitto_pub", "-r", "-q", "1", "-m", Self.marker] + common,
            errors: errors
        )

        let subscriber = try ChildProcess(
            ["timeout", seconds, "mosquitto_sub", "-q", String(qos), "-C", String(messages + 1)] + common,
            output: output,
            errors: errors
        )
        do {
            try waitForMarker(in: output, errors: errors)
        } catch {
            subscriber.terminate()
            throw error
        }
        let publishers = PublisherChain(
            commands: inputs.map { input in
                (["timeout", seconds, "mosquitto_pub", "-l", "-q", String(qos)] + common, input)
            },
            errors: errors
        )
        let clock = ContinuousClock()
        let start = clock.now
        // The publishers run on their own thread so that this one sees the subscriber exit the moment it happens.
        let chain = Thread { publishers.run() }
        chain.start()
        let subscriberExit = subscriber.wait()
        let elapsed = clock.now - start
        let publishersExit = publishers.waitForExit()
        toolsCPU += subscriberExit.cpu + publishersExit.cpu
        toolsCPU += try runToCompletion(["mosquitto_pub", "-r", "-n"] + common, errors: errors)
        let subscriberStatus = subscriberExit.status
        let publisherStatus = publishersExit.status

        let written = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        let received = max(0, written - Self.marker.utf8.count - 1) / (payloadBytes + 1)
        guard subscriberStatus == 0, publisherStatus == 0, received == messages else {
            let diagnostics = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw BenchmarkError(
                code: subscriberStatus == 124 ? .timeout : .messagesMissing,
                measurement: measurement,
                message: "received \(received) of \(messages); mosquitto_sub exited \(subscriberStatus), "
                    + "mosquitto_pub \(publisherStatus); stderr: \(diagnostics)"
            )
        }
        return Throughput(sent: messages, received: received, elapsed: elapsed, clientCPU: toolsCPU)
    }

    /// Writes the lines, `payloadBytes` characters and a newline each, into files of at most
    /// ``linesPerPublisher`` lines; returns their paths in order.
    private func writeInputs(in directory: TemporaryDirectory) throws -> [String] {
        var paths: [String] = []
        var first = 0
        while first < messages {
            let end = min(messages, first + Self.linesPerPublisher)
            var bytes: [UInt8] = []
            bytes.reserveCapacity((end - first) * (payloadBytes + 1))
            for index in first..<end {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "a") + UInt8(index % 26), count: payloadBytes))
                bytes.append(UInt8(ascii: "\n"))
            }
            let path = directory.file("lines-\(paths.count).txt")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            first = end
        }
        return paths
    }

    /// Runs a mosquitto CLI command that must succeed; returns its CPU time.
    private func runToCompletion(_ arguments: [String], errors: String) throws(BenchmarkError) -> Duration {
        let exit = try ChildProcess(["timeout", "10"] + arguments, output: "/dev/null", errors: errors).wait()
        guard exit.status == 0 else {
            throw BenchmarkError(
                code: .toolFailed,
                measurement: measurement,
                message: "\(arguments.joined(separator: " ")) exited \(exit.status)"
            )
        }
        return exit.cpu
    }

    /// Polls until mosquitto_sub has written the retained marker, i.e. its subscription is in place.
    private func waitForMarker(in output: String, errors: String) throws(BenchmarkError) {
        for _ in 0..<5_000 {
            var info = stat()
            if stat(output, &info) == 0, info.st_size > 0 { return }
            usleep(1_000)
        }
        let diagnostics = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        throw BenchmarkError(
            code: .timeout,
            measurement: measurement,
            message: "mosquitto_sub did not subscribe within 5 s; stderr: \(diagnostics)"
        )
    }
}

/// mosquitto_pub processes run one after another, each fed one input file; stops at the first failure.
private final class PublisherChain: Sendable {
    private let commands: [([String], String)]
    private let errors: String
    private let outcome = Mutex<ChildProcess.Exit?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(commands: [([String], String)], errors: String) {
        self.commands = commands
        self.errors = errors
    }

    /// Runs the chain; call once, on a thread of its own.
    func run() {
        var total = ChildProcess.Exit(status: 0, cpu: .zero)
        for (arguments, input) in commands where total.status == 0 {
            do {
                let exit = try ChildProcess(arguments, input: input, output: "/dev/null", errors: errors).wait()
                total = ChildProcess.Exit(status: exit.status, cpu: total.cpu + exit.cpu)
            } catch {
                total.status = 127
            }
        }
        outcome.withLock { $0 = total }
        done.signal()
    }

    /// Blocks until ``run()`` is over; returns the first non-zero exit status (or 0) and the CPU time of all.
    func waitForExit() -> ChildProcess.Exit {
        done.wait()
        return outcome.withLock { $0 } ?? ChildProcess.Exit(status: 127, cpu: .zero)
    }
}
