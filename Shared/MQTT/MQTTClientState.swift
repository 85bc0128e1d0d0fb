/// The mutable state of an ``MQTTClient``, kept in one `Mutex` and touched both by callers and by libmosquitto's
/// network thread. Continuations are taken out under the lock and resumed after releasing it.
struct MQTTClientState {
    typealias PublishCompletion = @Sendable (Result<PublishAck, MQTTError>) -> Void

    /// CONNACK reason of the connect in progress, or its waiter.
    var connackWaiter: CheckedContinuation<Int32, Never>?
    var connackEarly: Int32?
    /// True from `connect()` until its CONNACK; later CONNACKs are reconnects.
    var connectInProgress = false
    var isConnected = false
    /// Set by `disconnect()`: no more reconnects, pending work fails with `.closed`.
    var isClosing = false

    /// Publishes waiting for their PUBACK (QoS 1) or their write (QoS 0), by message id.
    var pendingPublishes: [Int32: PublishCompletion] = [:]
    /// Acknowledgements that arrived before `mosquitto_publish` returned the mid to the caller (the ack race).
    var earlyPublishAcks: [Int32: Int32] = [:]
    /// Outstanding publishes counted against `maxInFlight`.
    var inFlight = 0
    /// Publishers waiting for a slot in the in-flight window, oldest first; resumed with true when handed a slot.
    var slotWaiters: [(ticket: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    /// Identifies slot waiters, so that a cancelled one can be taken out of the queue.
    var nextSlotTicket: UInt64 = 0

    var pendingSubscribes: [Int32: CheckedContinuation<[Int32], Never>] = [:]
    var earlySubacks: [Int32: [Int32]] = [:]
    var pendingUnsubscribes: [Int32: CheckedContinuation<Void, Never>] = [:]
    var earlyUnsubacks: Set<Int32> = []
    /// Every filter subscribed, restored after a reconnect that lost the session.
    var subscriptions: [String: QoS] = [:]
    /// Message ids of subscriptions re-sent after a reconnect; their SUBACKs have no waiter.
    var restoringSubscriptions: Set<Int32> = []

    var disconnectWaiter: CheckedContinuation<Bool, Never>?

    /// Takes a free slot or returns false when the window is full.
    mutating func takeSlot(limit: Int) -> Bool {
        guard inFlight < limit else { return false }
        inFlight += 1
        return true
    }

    /// Frees a slot; returns the publisher to wake, which inherits the slot.
    mutating func releaseSlot() -> CheckedContinuation<Bool, Never>? {
        if slotWaiters.isEmpty {
            inFlight -= 1
            return nil
        }
        return slotWaiters.removeFirst().continuation
    }
}
