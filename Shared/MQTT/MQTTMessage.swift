/// MQTT quality of service levels this client speaks.
///
/// QoS 2 is deliberately absent: the fleet protocol relies on QoS 1 plus deduplication on `(device, seq)`.
public enum QoS: Int32, Sendable, Hashable, CustomStringConvertible {
    /// At most once: completes when the packet is written to the socket.
    case atMostOnce = 0
    /// At least once: completes when the broker's PUBACK arrives.
    case atLeastOnce = 1

    public var description: String { "QoS\(rawValue)" }
}

/// An MQTT 5 user property (a name/value pair carried with a message).
public struct UserProperty: Sendable, Hashable {
    /// The property name.
    public var name: String
    /// The property value.
    public var value: String

    /// Creates a user property.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A message received from the broker. Its bytes are copied out of libmosquitto's buffers, so it outlives the callback.
public struct MQTTMessage: Sendable, Equatable {
    /// The topic the message was published on (not the subscription filter).
    public var topic: String
    /// The raw payload bytes.
    public var payload: [UInt8]
    /// The QoS the message was delivered with.
    public var qos: QoS
    /// True when the broker delivered a retained message (on subscribe), not a live publish.
    public var retain: Bool
    /// MQTT 5 user properties, in the order they were sent.
    public var userProperties: [UserProperty]

    /// Creates a message; used for outgoing messages and in tests.
    public init(
        topic: String,
        payload: [UInt8],
        qos: QoS = .atLeastOnce,
        retain: Bool = false,
        userProperties: [UserProperty] = []
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.userProperties = userProperties
    }
}

/// The broker's answer to a publish.
public struct PublishAck: Sendable, Equatable {
    /// MQTT 5 reason code of the PUBACK (0 for QoS 0, which has no acknowledgement).
    /// 0x10 means delivered to the broker with no matching subscriber; below 0x80 is success.
    public var reasonCode: UInt8

    /// True when the broker accepted the message but nobody was subscribed (reason 0x10).
    public var hadNoSubscribers: Bool { reasonCode == 0x10 }
}

/// One entry of a subscribe request.
public struct Subscription: Sendable, Hashable {
    /// Topic filter, wildcards and `$share/{group}/...` allowed.
    public var filter: String
    /// Maximum QoS the client accepts on this filter.
    public var qos: QoS

    /// Creates a subscription entry.
    public init(_ filter: String, qos: QoS = .atLeastOnce) {
        self.filter = filter
        self.qos = qos
    }
}

/// A change of the connection, reported on ``MQTTClient/connectionEvents``.
public enum ConnectionEvent: Sendable, Equatable {
    /// CONNACK accepted. `sessionPresent` tells whether the broker resumed a persistent session.
    case connected(sessionPresent: Bool)
    /// The connection was lost or closed; `reasonCode` is libmosquitto's (0 after a requested disconnect).
    /// The client reconnects by itself unless ``MQTTClient/disconnect()`` was called.
    case disconnected(reasonCode: Int32)
}
