/// The outcome of one end-to-end throughput run.
struct Throughput {
    /// Messages sent.
    var sent: Int
    /// Distinct messages the subscriber received.
    var received: Int
    /// From the first publish to the last message received.
    var elapsed: Duration
    /// CPU time of the publishing and subscribing clients over the whole run, connects included.
    var clientCPU: Duration?
    /// CPU time of the broker over its whole life; nil when the broker is not ours to measure (`--port`).
    var brokerCPU: Duration?

    /// Messages per second over `elapsed`.
    var messagesPerSecond: Double {
        let seconds = Self.seconds(elapsed)
        return seconds > 0 ? Double(received) / seconds : 0
    }

    /// Client CPU microseconds per message sent, NaN when unknown.
    var clientMicrosecondsPerMessage: Double { Self.seconds(clientCPU) * 1e6 / Double(sent) }
    /// Broker CPU microseconds per message sent, NaN when unknown.
    var brokerMicrosecondsPerMessage: Double { Self.seconds(brokerCPU) * 1e6 / Double(sent) }

    private static func seconds(_ duration: Duration?) -> Double {
        guard let duration else { return .nan }
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
