internal import CMosquitto

/// An error from the MQTT transport, with a stable code and the context needed to act on it.
public struct MQTTError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The TCP/TLS connection could not be made.
        case connectFailed
        /// The broker answered CONNECT with a failure reason (bad credentials, not authorised, ...).
        case connectionRefused
        /// No CONNACK (or SUBACK, disconnect) arrived in time.
        case timeout
        /// A QoS 0 publish or a subscribe was attempted while disconnected.
        case notConnected
        /// The broker answered a publish with a reason code ≥ 0x80 (for example 0x87 not authorised).
        case publishRejected
        /// The broker refused a subscription (SUBACK reason ≥ 0x80).
        case subscribeRejected
        /// The client was disconnected by ``MQTTClient/disconnect()`` while the operation was pending.
        case closed
        /// libmosquitto refused the call (bad topic, payload too large, bad TLS files, ...).
        case invalidRequest
        /// The waiting task was cancelled before the answer came.
        case cancelled
    }

    /// The stable error code.
    public var code: Code
    /// The MQTT 5 reason code from the broker, when there is one.
    public var reasonCode: UInt8?
    /// The topic or filter involved, when there is one.
    public var topic: String?
    /// A human-readable explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, reasonCode: UInt8? = nil, topic: String? = nil, message: String) {
        self.code = code
        self.reasonCode = reasonCode
        self.topic = topic
        self.message = message
    }

    public var description: String {
        var text = "MQTT \(code.rawValue)"
        if let topic { text += " on \"\(topic)\"" }
        if let reasonCode { text += " (reason 0x\(String(reasonCode, radix: 16)))" }
        return text + ": " + message
    }

    /// Wraps a libmosquitto return code.
    static func library(_ rc: Int32, _ code: Code, topic: String? = nil, doing action: String) -> MQTTError {
        MQTTError(code, topic: topic, message: "\(action): \(String(cString: mosquitto_strerror(rc)))")
    }

    /// Wraps an MQTT 5 reason code from the broker.
    static func reason(_ reason: Int32, _ code: Code, topic: String? = nil) -> MQTTError {
        MQTTError(
            code,
            reasonCode: UInt8(truncatingIfNeeded: reason),
            topic: topic,
            message: String(cString: mosquitto_reason_string(reason))
        )
    }
}
