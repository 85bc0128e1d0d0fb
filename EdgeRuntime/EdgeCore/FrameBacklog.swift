import Logging
import MQTTTransport
import Synchronization

/// Sensor frames waiting for the feature computation, queued apart from the control messages (telemetry
/// confirmations, desired state, commands, artifact chunks) that arrive on the same connection. When the features
/// cannot keep up with the input, a single queue would hold every confirmation behind the frames received before it:
/// the outbox would resend and stall, commands would wait, and the backlog would grow without bound. Here at most
/// ``capacity`` frames wait; beyond, the oldest are shed, counted and logged (once per 10 s), and the sensor
/// pipeline sees a gap.
final class FrameBacklog: Sendable {
    /// Frames kept waiting at most.
    static let capacity = 256

    /// The waiting frames, oldest first; ends with ``finish()``.
    let frames: AsyncStream<MQTTMessage>
    /// Frames shed so far.
    let shed = Atomic<Int>(0)
    private let sink: AsyncStream<MQTTMessage>.Continuation
    private let limiter = Mutex(DropLogLimiter(interval: .seconds(10)))
    private let logger: Logger

    /// An empty backlog logging to `logger`.
    init(logger: Logger) {
        (frames, sink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(Self.capacity))
        self.logger = logger
    }

    /// Queues `frame`, shedding the oldest one when full.
    func offer(_ frame: MQTTMessage) {
        guard case .dropped = sink.yield(frame) else { return }
        let total = shed.add(1, ordering: .relaxed).newValue
        guard let unlogged = limiter.withLock({ $0.admit("shed", at: .now) }) else { return }
        logger.warning(
            "sensor frames arrive faster than features are computed; shedding the oldest",
            metadata: ["frames.shed": "\(total)", "unlogged.since.last": "\(unlogged)"]
        )
    }

    /// Ends ``frames`` once the waiting ones are taken.
    func finish() { sink.finish() }
}
