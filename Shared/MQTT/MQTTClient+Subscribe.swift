internal import CMosquitto

extension MQTTClient {
    /// Subscribes and waits for the SUBACK. The filters are remembered and restored after any reconnect that did not
    /// resume the session. Shared subscriptions (`$share/{group}/{filter}`) work as any other filter.
    /// - Returns: the granted QoS per filter, in order.
    /// - Throws: `.subscribeRejected` with the reason code when the broker refuses a filter (0x87 when an ACL
    ///   denies it), `.invalidRequest` for a malformed filter, `.closed` after ``disconnect()``.
    @discardableResult
    public func subscribe(_ subscriptions: [Subscription]) async throws(MQTTError) -> [QoS] {
        var granted: [QoS] = []
        for subscription in subscriptions {
            let filter = subscription.filter
            guard !filter.isEmpty, !filter.utf8.contains(0),
                mosquitto_sub_topic_check2(filter, filter.utf8.count) == MOSQ_ERR_SUCCESS.rawValue
            else {
                throw MQTTError(.invalidRequest, topic: filter, message: "malformed topic filter")
            }
            var mid: Int32 = 0
            let rc = mosquitto_subscribe_v5(
                handle.pointer,
                &mid,
                subscription.filter,
                subscription.qos.rawValue,
                0,
                nil
            )
            guard rc == MOSQ_ERR_SUCCESS.rawValue else {
                let code: MQTTError.Code = rc == MOSQ_ERR_NO_CONN.rawValue ? .notConnected : .invalidRequest
                throw .library(rc, code, topic: subscription.filter, doing: "subscribe")
            }
            let codes = await withCheckedContinuation { continuation in
                let early: [Int32]? = state.withLock { state in
                    if let early = state.earlySubacks.removeValue(forKey: mid) { return early }
                    state.pendingSubscribes[mid] = continuation
                    return nil
                }
                if let early { continuation.resume(returning: early) }
            }
            guard let reason = codes.first else {
                throw MQTTError(.notConnected, topic: subscription.filter, message: "connection lost before SUBACK")
            }
            guard reason < 0x80, let qos = QoS(rawValue: reason) else {
                throw .reason(reason, .subscribeRejected, topic: subscription.filter)
            }
            state.withLock { $0.subscriptions[subscription.filter] = subscription.qos }
            granted.append(qos)
        }
        return granted
    }

    /// Unsubscribes and waits for the UNSUBACK; the filter is no longer restored after reconnects.
    public func unsubscribe(_ filter: String) async throws(MQTTError) {
        state.withLock { _ = $0.subscriptions.removeValue(forKey: filter) }
        var mid: Int32 = 0
        let rc = mosquitto_unsubscribe_v5(handle.pointer, &mid, filter, nil)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            throw .library(rc, .invalidRequest, topic: filter, doing: "unsubscribe")
        }
        await withCheckedContinuation { continuation in
            let early = state.withLock { state in
                if state.earlyUnsubacks.remove(mid) != nil { return true }
                state.pendingUnsubscribes[mid] = continuation
                return false
            }
            if early { continuation.resume() }
        }
    }

    /// Called by the subscribe callback on the network thread.
    func subscribeAcknowledged(mid: Int32, codes: [Int32]) {
        let (waiter, restored) = state.withLock { state -> (CheckedContinuation<[Int32], Never>?, Bool) in
            if let waiter = state.pendingSubscribes.removeValue(forKey: mid) { return (waiter, false) }
            // Restorations after a reconnect have no waiter; keeping their acks would grow without bound.
            if state.restoringSubscriptions.remove(mid) != nil { return (nil, true) }
            state.earlySubacks[mid] = codes
            return (nil, false)
        }
        waiter?.resume(returning: codes)
        if restored, let reason = codes.first, reason >= 0x80 {
            logger.error("broker refused a restored subscription", metadata: ["mqtt.reason": "\(reason)"])
        }
    }

    /// Called by the unsubscribe callback on the network thread.
    func unsubscribeAcknowledged(mid: Int32) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.pendingUnsubscribes.removeValue(forKey: mid) { return waiter }
            state.earlyUnsubacks.insert(mid)
            return nil
        }
        waiter?.resume()
    }

    /// Re-sends every remembered subscription; runs on the network thread after a CONNACK without a session.
    func restoreSubscriptions() {
        let filters = state.withLock { $0.subscriptions }
        for (filter, qos) in filters {
            var mid: Int32 = 0
            let rc = mosquitto_subscribe_v5(handle.pointer, &mid, filter, qos.rawValue, 0, nil)
            if rc == MOSQ_ERR_SUCCESS.rawValue {
                state.withLock { _ = $0.restoringSubscriptions.insert(mid) }
            } else {
                logger.error(
                    "could not restore subscription",
                    metadata: ["mqtt.filter": "\(filter)", "mqtt.rc": "\(rc)"]
                )
            }
        }
    }
}
