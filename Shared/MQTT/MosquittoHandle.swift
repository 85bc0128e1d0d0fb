internal import CMosquitto

/// Runs `mosquitto_lib_init` once, thread-safely, the first time a client is made (a global `let` is lazy and atomic).
private let libraryInitialised: Int32 = mosquitto_lib_init()

/// Owns the `struct mosquitto *` of one client.
///
/// `@unchecked Sendable` is safe because libmosquitto is built thread-safe (it locks its own state), every call we
/// make through the pointer is one of its thread-safe entry points, and the pointer is destroyed only in `deinit`,
/// after the client has stopped the network thread.
final class MosquittoHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(clientID: String, cleanStart: Bool) throws(MQTTError) {
        _ = libraryInitialised
        guard let pointer = mosquitto_new(clientID, cleanStart, nil) else {
            throw MQTTError(.invalidRequest, message: "mosquitto_new failed for client id \"\(clientID)\"")
        }
        self.pointer = pointer
    }

    deinit {
        // The client has joined the network thread already (see MQTTClient.deinit).
        mosquitto_destroy(pointer)
    }
}
