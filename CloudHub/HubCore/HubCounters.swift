import DaemonSupport
import Synchronization

/// Counters of a running hub, shared by its tasks.
public final class HubCounters: Sendable {
    /// Sequence of the hub's own status messages. It starts from the clock (ms) so it still increases across
    /// restarts without storing it.
    private let statusSequence = Atomic<UInt64>(UInt64(max(0, unixMilliseconds())))
    /// Payloads rejected since start (malformed, wrong version, device mismatch).
    public let rejected = Atomic<Int>(0)
    /// Telemetry records stored since start.
    public let telemetryStored = Atomic<Int>(0)
    /// Telemetry records received again after they were stored (at-least-once redelivery), ignored.
    public let telemetryDuplicates = Atomic<Int>(0)
    /// Artifact chunks answered (including refusals).
    public let chunksServed = Atomic<Int>(0)

    /// Returns the next status sequence number.
    func nextStatusSequence() -> UInt64 {
        statusSequence.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
