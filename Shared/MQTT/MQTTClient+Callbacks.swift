internal import CMosquitto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libmosquitto calls these on its network thread. They are file-scope functions (not closures written in actor
// code), which is what keeps them callable from a foreign thread under Swift 6. `userdata` is the client, passed
// unretained: the client stops the network thread before it is destroyed.

/// Runs `body` with the client without taking a reference to it. Were the callback to hold a reference, it could
/// become the last one, and the client's deinit would then run on the very thread it has to stop.
private func withClient(_ userdata: UnsafeMutableRawPointer?, _ body: (MQTTClient) -> Void) {
    guard let userdata else { return }
    Unmanaged<MQTTClient>.fromOpaque(userdata)._withUnsafeGuaranteedRef(body)
}

private func onConnect(
    _: OpaquePointer?,
    _ userdata: UnsafeMutableRawPointer?,
    _ reason: Int32,
    _ flags: Int32,
    _: OpaquePointer?
) {
    withClient(userdata) { $0.connectAcknowledged(reason: reason, sessionPresent: flags & 1 != 0) }
}

private func onDisconnect(_: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ reason: Int32, _: OpaquePointer?) {
    withClient(userdata) { $0.connectionLost(reason: reason) }
}

private func onPublish(
    _: OpaquePointer?,
    _ userdata: UnsafeMutableRawPointer?,
    _ mid: Int32,
    _ reason: Int32,
    _: OpaquePointer?
) {
    withClient(userdata) { $0.publishAcknowledged(mid: mid, reason: reason) }
}

private func onSubscribe(
    _: OpaquePointer?,
    _ userdata: UnsafeMutableRawPointer?,
    _ mid: Int32,
    _ count: Int32,
    _ granted: UnsafePointer<Int32>?,
    _: OpaquePointer?
) {
    let codes = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
    withClient(userdata) { $0.subscribeAcknowledged(mid: mid, codes: codes) }
}

private func onUnsubscribe(_: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ mid: Int32, _: OpaquePointer?) {
    withClient(userdata) { $0.unsubscribeAcknowledged(mid: mid) }
}

private func onMessage(
    _: OpaquePointer?,
    _ userdata: UnsafeMutableRawPointer?,
    _ message: UnsafePointer<mosquitto_message>?,
    _ properties: OpaquePointer?
) {
    guard let raw = message?.pointee, let topic = raw.topic else { return }
    // libmosquitto frees topic and payload when the callback returns: copy them now.
    let payload =
        raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(raw.payloadlen))) } ?? []
    let copy = MQTTMessage(
        topic: String(cString: topic),
        payload: payload,
        qos: raw.qos == 0 ? .atMostOnce : .atLeastOnce,
        retain: raw.retain,
        userProperties: properties.map(readUserProperties) ?? []
    )
    withClient(userdata) { $0.messages.deliver(copy) }
}

private func readUserProperties(_ list: OpaquePointer) -> [UserProperty] {
    var result: [UserProperty] = []
    var name: UnsafeMutablePointer<CChar>? = nil
    var value: UnsafeMutablePointer<CChar>? = nil
    let identifier = Int32(MQTT_PROP_USER_PROPERTY.rawValue)
    var cursor = mosquitto_property_read_string_pair(list, identifier, &name, &value, false)
    while cursor != nil {
        if let name, let value { result.append(UserProperty(String(cString: name), String(cString: value))) }
        free(name)
        free(value)
        name = nil
        value = nil
        cursor = mosquitto_property_read_string_pair(cursor, identifier, &name, &value, true)
    }
    return result
}

extension MQTTClient {
    func installCallbacks(on pointer: OpaquePointer) {
        mosquitto_connect_v5_callback_set(pointer, onConnect)
        mosquitto_disconnect_v5_callback_set(pointer, onDisconnect)
        mosquitto_publish_v5_callback_set(pointer, onPublish)
        mosquitto_subscribe_v5_callback_set(pointer, onSubscribe)
        mosquitto_unsubscribe_v5_callback_set(pointer, onUnsubscribe)
        mosquitto_message_v5_callback_set(pointer, onMessage)
    }

    /// CONNACK: wakes `connect()` the first time; on later reconnects restores subscriptions, or ends the connection
    /// when the client is closing.
    func connectAcknowledged(reason: Int32, sessionPresent: Bool) {
        closeSocketOnExec()
        // A reconnect that raced with `disconnect()` or deinit (libmosquitto's reconnect resets the closing state
        // they set): end it, so the network thread stops.
        if reason == 0, state.withLock({ $0.isClosing && !$0.connectInProgress }) {
            mosquitto_disconnect_v5(handle.pointer, 0, nil)
            return
        }
        let (waiter, isReconnect) = state.withLock { state -> (CheckedContinuation<Int32, Never>?, Bool) in
            state.isConnected = reason == 0
            guard state.connectInProgress else { return (nil, true) }
            state.connectInProgress = false
            if let waiter = state.connackWaiter {
                state.connackWaiter = nil
                return (waiter, false)
            }
            state.connackEarly = reason
            return (nil, false)
        }
        waiter?.resume(returning: reason)
        guard reason == 0 else {
            logger.error("broker refused the connection", metadata: ["mqtt.reason": "\(reason)"])
            return
        }
        if isReconnect {
            logger.info("reconnected to broker", metadata: ["mqtt.session_present": "\(sessionPresent)"])
            if !sessionPresent { restoreSubscriptions() }
        }
        eventSink.yield(.connected(sessionPresent: sessionPresent))
    }

    /// Connection closed: wakes `disconnect()`; otherwise libmosquitto will reconnect with backoff.
    func connectionLost(reason: Int32) {
        // SUBSCRIBE and UNSUBSCRIBE are not resent after a reconnect, so their waiters are answered now.
        let (waiter, closing, subscribes, unsubscribes) = state.withLock { state in
            state.isConnected = false
            defer {
                state.disconnectWaiter = nil
                state.pendingSubscribes = [:]
                state.pendingUnsubscribes = [:]
            }
            return (
                state.disconnectWaiter, state.isClosing, Array(state.pendingSubscribes.values),
                Array(state.pendingUnsubscribes.values)
            )
        }
        waiter?.resume(returning: true)
        for subscribe in subscribes { subscribe.resume(returning: []) }
        for unsubscribe in unsubscribes { unsubscribe.resume() }
        if !closing {
            logger.warning(
                "lost connection to broker, reconnecting",
                metadata: ["mqtt.rc": "\(reason)", "mqtt.reason": "\(String(cString: mosquitto_strerror(reason)))"]
            )
        }
        eventSink.yield(.disconnected(reasonCode: reason))
    }
}

extension MQTTClient {
    /// Marks the broker socket close-on-exec. libmosquitto opens it without the flag, so any process the daemon
    /// starts (an update script, a test's broker) would inherit it and keep the TCP connection alive after this
    /// client is gone: the broker would then publish the will only at its keepalive timeout (observed in tests).
    func closeSocketOnExec() {
        let descriptor = mosquitto_socket(handle.pointer)
        guard descriptor >= 0 else { return }
        let flags = fcntl(descriptor, F_GETFD)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
    }
}
