import MQTTTransport
import Synchronization

/// End-to-end throughput through the project's client: one subscriber and one publisher on the same broker.
///
/// Timed from the first publish to the last message the subscriber takes from ``MQTTClient/messages``. The publisher
/// pipelines with ``MQTTClient/enqueue(_:completion:)`` so that only the in-flight window limits it. Every payload
/// carries its sequence number, so the subscriber counts distinct messages, not deliveries.
struct ClientThroughput {
    /// Broker port on 127.0.0.1.
    var port: Int
    /// Topic used only by this run.
    var topic: String
    /// Messages to send.
    var messages: Int
    /// Payload bytes of each message, at least 4 (the sequence number).
    var payloadBytes: Int
    /// Quality of service of both the publishes and the subscription.
    var qos: QoS
    /// Longest the run may take before it counts as failed.
    var timeout: Duration
    /// The name of this measurement in errors, for example `qos1`.
    var measurement: String

    /// Runs once.
    /// - Throws: ``BenchmarkError`` when a publish fails or messages are missing after `timeout`; `MQTTError` when a
    ///   client cannot connect or subscribe.
    func run() async throws -> Throughput {
        let subscriber = try MQTTClient(configuration(role: "sub"))
        try await subscriber.connect()
        try await subscriber.subscribe([Subscription(topic, qos: qos)])
        let publisher = try MQTTClient(configuration(role: "pub"))
        try await publisher.connect()
        let tally = PublishTally()

        let clock = ContinuousClock()
        let start = clock.now
        async let arrival = receive(from: subscriber, clock: clock)
        do {
            try await publish(with: publisher, tally: tally)
        } catch {
            // Nothing more will arrive: ending the subscriber's stream stops the receiver without waiting out the
            // timeout.
            await publisher.disconnect()
            await subscriber.disconnect()
            _ = await arrival
            throw error
        }
        let (received, end) = await arrival
        await tally.waitForAll(messages, timeout: timeout)
        await publisher.disconnect()
        await subscriber.disconnect()

        if let failure = tally.firstFailure {
            throw BenchmarkError(
                code: .publishFailed,
                measurement: measurement,
                message: "\(tally.failed) publishes failed, first: \(failure)"
            )
        }
        guard tally.completed == messages else {
            throw BenchmarkError(
                code: .publishFailed,
                measurement: measurement,
                message: "only \(tally.completed) of \(messages) publishes completed within \(timeout)"
            )
        }
        guard received == messages else {
            throw BenchmarkError(
                code: .messagesMissing,
                measurement: measurement,
                message: "received \(received) of \(messages) distinct messages within \(timeout)"
            )
        }
        return Throughput(sent: messages, received: received, elapsed: end - start)
    }

    private func configuration(role: String) -> MQTTConfiguration {
        MQTTConfiguration(
            host: "127.0.0.1",
            port: port,
            clientID: "bench-\(role)-\(UInt32.random(in: 0...UInt32.max))",
            connectTimeout: .seconds(5)
        )
    }

    /// Publishes every message; the payload starts with the little-endian sequence number.
    private func publish(with publisher: MQTTClient, tally: PublishTally) async throws {
        var message = MQTTMessage(topic: topic, payload: [UInt8](repeating: 0x2e, count: payloadBytes), qos: qos)
        for sequence in 0..<messages {
            // Rewritten in place: enqueue copies the bytes into libmosquitto, so the array stays uniquely owned.
            withUnsafeBytes(of: UInt32(sequence).littleEndian) { bytes in
                for index in 0..<4 { message.payload[index] = bytes[index] }
            }
            try await publisher.enqueue(message) { result in tally.record(result) }
        }
    }

    /// Takes batches until every sequence number has arrived or `timeout` passes; returns the distinct count and
    /// when the last one arrived.
    private func receive(from subscriber: MQTTClient, clock: ContinuousClock) async -> (Int, ContinuousClock.Instant) {
        let expected = messages
        let deadline = clock.now + timeout
        return await withTaskGroup(of: (Int, ContinuousClock.Instant)?.self) { group in
            group.addTask {
                var seen = [Bool](repeating: false, count: expected)
                var distinct = 0
                for await batch in subscriber.messages {
                    for message in batch where message.payload.count >= 4 {
                        let sequence = message.payload.withUnsafeBytes {
                            Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)))
                        }
                        if sequence < expected, !seen[sequence] {
                            seen[sequence] = true
                            distinct += 1
                        }
                    }
                    if distinct == expected { return (distinct, clock.now) }
                }
                return (distinct, clock.now)
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: clock)
                return nil
            }
            // Whichever ends first cancels the other; a receiver cut short by the timer reports what it had.
            var outcome = (0, clock.now)
            for await result in group {
                group.cancelAll()
                if let result { outcome = result }
            }
            return outcome
        }
    }
}

/// Counts publish completions from the network thread and keeps the first failure.
private final class PublishTally: Sendable {
    private let completions = Atomic<Int>(0)
    private let failures = Mutex((count: 0, first: MQTTError?.none))

    func record(_ result: Result<PublishAck, MQTTError>) {
        if case .failure(let error) = result {
            failures.withLock { failures in
                failures.count += 1
                if failures.first == nil { failures.first = error }
            }
        }
        completions.add(1, ordering: .releasing)
    }

    /// Publishes completed so far, successfully or not.
    var completed: Int { completions.load(ordering: .acquiring) }
    /// Publishes that completed with an error.
    var failed: Int { failures.withLock { $0.count } }
    /// The first error a publish completed with.
    var firstFailure: MQTTError? { failures.withLock { $0.first } }

    /// Waits (polling, outside the timed part) until `count` completions arrived or `timeout` passed.
    func waitForAll(_ count: Int, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while completed < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
