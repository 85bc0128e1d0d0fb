import Logging

/// Everything needed to open an MQTT 5 session. Plain values, so daemons fill it from their config files.
public struct MQTTConfiguration: Sendable {
    /// TLS settings; certificate files are PEM.
    public struct TLS: Sendable {
        /// CA certificate used to verify the broker.
        public var caFile: String
        /// Client certificate for mutual TLS, if the broker asks for one.
        public var certificateFile: String?
        /// Private key of the client certificate.
        public var keyFile: String?
        /// Skip the broker host name check (never in production; for IP-addressed test brokers).
        public var skipHostnameVerification: Bool

        /// Creates TLS settings.
        public init(
            caFile: String,
            certificateFile: String? = nil,
            keyFile: String? = nil,
            skipHostnameVerification: Bool = false
        ) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.skipHostnameVerification = skipHostnameVerification
        }
    }

    /// Broker host name or address.
    public var host: String
    /// Broker TCP port.
    public var port: Int
    /// Client identifier; a persistent session is tied to it.
    public var clientID: String
    /// Start a fresh session (true) or resume the one kept by the broker for `clientID` (false).
    public var cleanStart: Bool
    /// Seconds the broker keeps the session after a disconnect; must be > 0 for a persistent session.
    public var sessionExpirySeconds: UInt32
    /// Keepalive in seconds; the broker drops (and fires the will of) a client silent for 1.5× this.
    public var keepAliveSeconds: Int32
    /// Optional credentials.
    public var username: String?
    /// Optional password; only sent with a username.
    public var password: String?
    /// TLS, or nil for plain TCP.
    public var tls: TLS?
    /// The will: published by the broker if this client vanishes without a DISCONNECT.
    public var will: MQTTMessage?
    /// First reconnect delay in seconds (libmosquitto counts whole seconds).
    public var reconnectMinDelaySeconds: UInt32
    /// Cap of the exponential reconnect backoff in seconds.
    public var reconnectMaxDelaySeconds: UInt32
    /// Most publishes (QoS 0 not yet written plus QoS 1 not yet acknowledged) outstanding at once.
    /// Publishing beyond it waits: this is the client's back-pressure.
    public var maxInFlight: Int
    /// How long ``MQTTClient/connect()`` waits for the CONNACK.
    public var connectTimeout: Duration
    /// Where connection changes and dropped acknowledgements are logged.
    public var logger: Logger

    /// Creates a configuration with defaults suited to a device on a local network.
    public init(
        host: String = "127.0.0.1",
        port: Int = 1883,
        clientID: String,
        cleanStart: Bool = true,
        sessionExpirySeconds: UInt32 = 0,
        keepAliveSeconds: Int32 = 30,
        username: String? = nil,
        password: String? = nil,
        tls: TLS? = nil,
        will: MQTTMessage? = nil,
        reconnectMinDelaySeconds: UInt32 = 1,
        reconnectMaxDelaySeconds: UInt32 = 30,
        maxInFlight: Int = 1024,
        connectTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "mqtt")
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.cleanStart = cleanStart
        self.sessionExpirySeconds = sessionExpirySeconds
        self.keepAliveSeconds = keepAliveSeconds
        self.username = username
        self.password = password
        self.tls = tls
        self.will = will
        self.reconnectMinDelaySeconds = reconnectMinDelaySeconds
        self.reconnectMaxDelaySeconds = reconnectMaxDelaySeconds
        self.maxInFlight = maxInFlight
        self.connectTimeout = connectTimeout
        self.logger = logger
    }
}
