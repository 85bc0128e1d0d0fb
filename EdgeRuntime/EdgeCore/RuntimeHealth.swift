import Synchronization

/// Health figures of a running edge that its parts feed and the health telemetry reads: inference latencies (the
/// last ``window`` of them) and the count of errors since start.
public final class RuntimeHealth: Sendable {
    /// Latencies kept for the percentiles.
    public static let window = 1_024

    private struct Latencies {
        var ring = [UInt32](repeating: 0, count: RuntimeHealth.window)
        var count = 0
        var next = 0
    }

    private let latencies = Mutex(Latencies())
    private let errors = Atomic<Int>(0)

    /// An empty record.
    public init() {}

    /// Records one inference that took `micros` microseconds.
    public func recordInference(micros: UInt32) {
        latencies.withLock { state in
            state.ring[state.next] = micros
            state.next = (state.next + 1) % Self.window
            state.count = min(state.count + 1, Self.window)
        }
    }

    /// Counts one error (a rejected message, a failed inference, a failed store).
    public func recordError() {
        errors.add(1, ordering: .relaxed)
    }

    /// Errors since start.
    public var errorCount: Int { errors.load(ordering: .relaxed) }

    /// The median and 99th percentile (nearest rank) of the recent latencies, µs; zeros before the first inference.
    public func latencyPercentiles() -> (p50: UInt32, p99: UInt32) {
        let recent = latencies.withLock { Array($0.ring.prefix($0.count)) }.sorted()
        guard !recent.isEmpty else { return (0, 0) }
        func rank(_ quantile: Double) -> UInt32 {
            let index = Int((quantile * Double(recent.count)).rounded(.up)) - 1
            return recent[min(max(index, 0), recent.count - 1)]
        }
        return (rank(0.5), rank(0.99))
    }
}
