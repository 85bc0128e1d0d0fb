internal import CMosquitto

extension MQTTClient {
    /// Publishes and waits until the broker acknowledged it (QoS 1) or it was written to the socket (QoS 0).
    ///
    /// While the connection is down a QoS 1 message is kept by libmosquitto and sent after the reconnect, so this
    /// call waits through an outage, until ``disconnect()`` or the task's cancellation.
    /// - Returns: the PUBACK reason (0x10: accepted, no subscribers).
    /// - Throws: `.publishRejected` with the reason code when the broker refuses (≥ 0x80, for example 0x87 when an
    ///   ACL denies the topic), `.notConnected` for QoS 0 while offline, `.closed` after ``disconnect()``,
    ///   `.invalidRequest` for a bad topic or oversize payload, `.cancelled` when the task is cancelled first (a
    ///   QoS 1 message already handed over may still be delivered).
    @discardableResult
    public func publish(_ message: MQTTMessage) async throws(MQTTError) -> PublishAck {
        try await acquireSlot()
        let answer = OneShotResult<Result<PublishAck, MQTTError>>()
        let result = await withTaskCancellationHandler {
            do throws(MQTTError) {
                try Self.checkNotCancelled(releasing: self)
                try submit(message) { answer.deliver($0) }
            } catch {
                answer.deliver(.failure(error))
            }
            return await answer.wait()
        } onCancel: {
            answer.deliver(.failure(Self.cancelled))
        }
        return try result.get()
    }

    private static let cancelled = MQTTError(.cancelled, message: "the waiting task was cancelled")

    private static func checkNotCancelled(releasing client: MQTTClient) throws(MQTTError) {
        guard Task.isCancelled else { return }
        client.releaseSlot()
        throw cancelled
    }

    /// Publishes without waiting for the acknowledgement: waits only for a slot in the in-flight window, hands the
    /// message to libmosquitto and returns. `completion` runs once, on the network thread, with the broker's answer
    /// (see ``publish(_:)`` for its meaning); keep it short.
    ///
    /// This is the pipelined path for senders that keep many messages in flight (telemetry outbox, benchmarks).
    /// - Throws: only when the message is not accepted at all (`.closed`, `.notConnected`, `.invalidRequest`,
    ///   `.cancelled` while waiting for a slot); `completion` is then not called.
    public func enqueue(
        _ message: MQTTMessage,
        completion: @escaping @Sendable (Result<PublishAck, MQTTError>) -> Void
    ) async throws(MQTTError) {
        try await acquireSlot()
        try submit(message, completion: completion)
    }

    /// Hands a message to libmosquitto; the caller holds a window slot, which the acknowledgement frees.
    private func submit(
        _ message: MQTTMessage,
        completion: @escaping @Sendable (Result<PublishAck, MQTTError>) -> Void
    ) throws(MQTTError) {
        // An empty topic is legal in MQTT 5 only with a topic alias, and a NUL would truncate it in C: refuse both
        // here rather than have the broker drop the connection.
        guard !message.topic.isEmpty, !message.topic.utf8.contains(0) else {
            releaseSlot()
            throw MQTTError(.invalidRequest, topic: message.topic, message: "publish topic is empty or contains NUL")
        }
        var properties: OpaquePointer? = nil
        defer { mosquitto_property_free_all(&properties) }
        for property in message.userProperties {
            mosquitto_property_add_string_pair(
                &properties,
                Int32(MQTT_PROP_USER_PROPERTY.rawValue),
                property.name,
                property.value
            )
        }
        // The mid is registered under the same lock the ack callback takes, so an ack that beats us here is kept.
        var mid: Int32 = 0
        let rc = message.payload.withUnsafeBytes { bytes in
            mosquitto_publish_v5(
                handle.pointer,
                &mid,
                message.topic,
                Int32(bytes.count),
                bytes.baseAddress,
                message.qos.rawValue,
                message.retain,
                properties
            )
        }
        // libmosquitto queues a QoS 1 message even when offline (it answers NO_CONN) and sends it on reconnect.
        let queuedOffline = rc == MOSQ_ERR_NO_CONN.rawValue && message.qos == .atLeastOnce
        guard rc == MOSQ_ERR_SUCCESS.rawValue || queuedOffline else {
            releaseSlot()
            let code: MQTTError.Code = rc == MOSQ_ERR_NO_CONN.rawValue ? .notConnected : .invalidRequest
            throw .library(rc, code, topic: message.topic, doing: "publish")
        }
        let early: Int32? = state.withLock { state in
            if let reason = state.earlyPublishAcks.removeValue(forKey: mid) { return reason }
            state.pendingPublishes[mid] = completion
            return nil
        }
        if let early {
            completion(Self.publishResult(reason: early, topic: message.topic))
            releaseSlot()
        }
    }

    /// Called by the publish callback on the network thread.
    func publishAcknowledged(mid: Int32, reason: Int32) {
        let completion: MQTTClientState.PublishCompletion? = state.withLock { state in
            if let completion = state.pendingPublishes.removeValue(forKey: mid) { return completion }
            state.earlyPublishAcks[mid] = reason
            return nil
        }
        guard let completion else { return }
        // Completion first, then the slot: whoever counts outstanding publishes never sees more than the window.
        completion(Self.publishResult(reason: reason, topic: nil))
        releaseSlot()
    }

    private static func publishResult(reason: Int32, topic: String?) -> Result<PublishAck, MQTTError> {
        guard reason < 0x80 else { return .failure(.reason(reason, .publishRejected, topic: topic)) }
        return .success(PublishAck(reasonCode: UInt8(truncatingIfNeeded: reason)))
    }

    private func acquireSlot() async throws(MQTTError) {
        let limit = max(1, configuration.maxInFlight)
        let taken = state.withLock { state -> Bool? in
            if state.isClosing { return nil }
            return state.takeSlot(limit: limit)
        }
        guard let taken else { throw MQTTError(.closed, message: "client is disconnected") }
        if taken { return }
        let ticket = state.withLock { state in
            defer { state.nextSlotTicket += 1 }
            return state.nextSlotTicket
        }
        // True when a slot was handed over; false when woken by cancellation or `disconnect()`, holding none.
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate = state.withLock { state -> Bool? in
                    if state.isClosing || Task.isCancelled { return false }
                    if state.takeSlot(limit: limit) { return true }
                    state.slotWaiters.append((ticket, continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.slotWaiters.firstIndex { $0.ticket == ticket }.map {
                    state.slotWaiters.remove(at: $0).continuation
                }
            }
            waiter?.resume(returning: false)
        }
        guard granted else {
            if state.withLock({ $0.isClosing }) { throw MQTTError(.closed, message: "client is disconnected") }
            throw Self.cancelled
        }
    }

    func releaseSlot() {
        state.withLock { $0.releaseSlot() }?.resume(returning: true)
    }
}
