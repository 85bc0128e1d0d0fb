import DaemonSupport
import Logging
import MQTTTransport
import Synchronization
import WireProtocol

/// The edge's store-and-forward telemetry path: ``record(_:)`` writes records to the SQLite outbox (see
/// `EdgeStateStore+Outbox.swift`) and wakes ``send(on:)``, which publishes the oldest records in zlib batches at QoS 1,
/// one batch at a time. A PUBACK with reason 0x10 (no subscribers) keeps the batch for the next try. Rows are deleted
/// only when the hub confirms it committed them (``hubConfirmed(_:)``, from `telemetry/ack`); a batch not confirmed
/// within `limits.ackTimeout` is sent again and the hub's deduplication absorbs the repeat, so a hub killed between
/// receiving and storing loses nothing. Delivery rests on the outbox, not on the broker, which loses its queues on a
/// `kill -9`.
public final class TelemetryOutbox: Sendable {
    /// Records per published batch.
    public static let batchRecords = 500
    /// Wait before sending a batch again that failed or reached no subscriber.
    static let retryPause = Duration.seconds(1)

    let store: EdgeStateStore
    let limits: OutboxLimits
    let device: DeviceID
    let topic: String
    let logger: Logger
    private let wake: AsyncStream<Void>
    private let wakeSink: AsyncStream<Void>.Continuation
    /// Records sent and acknowledged since start.
    public let sent = Atomic<Int>(0)
    /// Records deleted unsent since start: dropped for room, refused, or expired.
    public let lost = Atomic<Int>(0)
    /// Batches sent again because the hub did not confirm them in time.
    public let resent = Atomic<Int>(0)
    /// The highest seq the hub has confirmed.
    private let confirmed = Atomic<UInt64>(0)

    /// An outbox for `device`, publishing on `topic`.
    public init(store: EdgeStateStore, limits: OutboxLimits, device: DeviceID, topic: String, logger: Logger) {
        self.store = store
        self.limits = limits
        self.device = device
        self.topic = topic
        self.logger = logger
        (wake, wakeSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Stores `payloads`, stamped now, and wakes the sender. Records given up to the limits (count and age) are
    /// counted and logged.
    /// - Throws: `SQLiteError` when they cannot be stored (for example `.full`); nothing was stored then.
    public func record(_ payloads: [TelemetryPayload]) throws {
        expireOld()
        let result = try store.appendTelemetry(payloads, at: unixMilliseconds(), limits: limits)
        if result.droppedOldest + result.rejected > 0 {
            lost.add(result.droppedOldest + result.rejected, ordering: .relaxed)
            logger.warning(
                "telemetry outbox full",
                metadata: [
                    "outbox.policy": "\(limits.overflow.rawValue)",
                    "outbox.max_records": "\(limits.maxRecords)",
                    "outbox.dropped_oldest": "\(result.droppedOldest)",
                    "outbox.rejected": "\(result.rejected)",
                ]
            )
        }
        wakeSink.yield()
    }

    /// Takes the hub's confirmation that records up to `ack.seq` are stored; the sender then deletes them.
    public func hubConfirmed(_ ack: TelemetryAck) {
        guard ack.device == device else { return }
        confirmed.max(ack.seq, ordering: .relaxed)
    }

    /// Records waiting to be sent.
    public func depth() throws -> Int { try store.outboxDepth() }

    /// Sends until the task is cancelled: drains the outbox whenever records arrive (and once at start, for what a
    /// previous run left). A failed publish is retried after a pause;
    /// while the broker is away libmosquitto holds the batch and resends it after the reconnect.
    public func send(on client: MQTTClient) async {
        wakeSink.yield()
        for await _ in wake {
            while !Task.isCancelled, await sendOneBatch(on: client) {}
        }
    }

    /// Publishes the oldest batch. Returns whether there may be more to send now.
    private func sendOneBatch(on client: MQTTClient) async -> Bool {
        do {
            let records = try store.pendingTelemetry(limit: Self.batchRecords)
            guard let last = records.last else { return false }
            let batch = try TelemetryBatch(device: device, records: records)
            let ack = try await client.publish(MQTTMessage(topic: topic, payload: batch.encode(), qos: .atLeastOnce))
            guard !ack.hadNoSubscribers else {
                // The broker took it but nobody (no hub) was subscribed, so it is gone: keep the rows and try again.
                // This happens when the hub is down, or when the broker restarted and the hub has not resubscribed.
                logger.notice("no hub subscribed to telemetry; keeping the batch", metadata: ["mqtt.topic": "\(topic)"])
                try? await Task.sleep(for: Self.retryPause)
                return !Task.isCancelled
            }
            guard await hubConfirms(last.seq) else {
                // Shutting down while waiting: the rows stay and go out at the next start.
                if Task.isCancelled { return false }
                resent.add(1, ordering: .relaxed)
                logger.warning(
                    "hub did not confirm telemetry in time; sending it again",
                    metadata: ["outbox.seq": "\(last.seq)", "outbox.ack_timeout": "\(limits.ackTimeout)"]
                )
                return true
            }
            try store.acknowledgeTelemetry(through: last.seq)
            sent.add(records.count, ordering: .relaxed)
            return true
        } catch let error as MQTTError where error.code == .cancelled {
            return false
        } catch {
            logger.error("telemetry not sent; retrying", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: Self.retryPause)
            return !Task.isCancelled
        }
    }

    /// Waits until the hub has confirmed `seq` or `limits.ackTimeout` passes; checks every few milliseconds, which
    /// costs nothing next to a batch's round trip.
    private func hubConfirms(_ seq: UInt64) async -> Bool {
        let deadline = ContinuousClock.now + limits.ackTimeout
        while confirmed.load(ordering: .relaxed) < seq {
            guard ContinuousClock.now < deadline, (try? await Task.sleep(for: .milliseconds(2))) != nil else {
                return false
            }
        }
        return true
    }

    private func expireOld() {
        let cutoff = unixMilliseconds() - Int64(limits.maxAge.components.seconds) * 1000
        do {
            let expired = try store.expireTelemetry(before: cutoff)
            guard expired > 0 else { return }
            lost.add(expired, ordering: .relaxed)
            logger.warning("telemetry expired unsent", metadata: ["outbox.expired": "\(expired)"])
        } catch {
            logger.error("could not expire old telemetry", metadata: ["error": "\(error)"])
        }
    }
}
