/// What the hub knows of one device, from its latest status.
public struct DeviceRecord: Sendable, Equatable, Codable {
    /// Device id.
    public var device: String
    /// `online` or `offline`.
    public var state: String
    /// Sequence number of the status this record comes from.
    public var lastSeq: UInt64
    /// Unix ms when the hub last heard from the device.
    public var lastSeenMs: Int64
    /// Runtime version the device reported.
    public var runtimeVersion: String
    /// Active model as `name@version`, if any.
    public var model: String?
    /// The latest health the device reported, if any.
    public var health: DeviceHealth?

    /// A record as given.
    public init(
        device: String,
        state: String,
        lastSeq: UInt64,
        lastSeenMs: Int64,
        runtimeVersion: String,
        model: String?,
        health: DeviceHealth?
    ) {
        self.device = device
        self.state = state
        self.lastSeq = lastSeq
        self.lastSeenMs = lastSeenMs
        self.runtimeVersion = runtimeVersion
        self.model = model
        self.health = health
    }
}

/// A device's latest health telemetry.
public struct DeviceHealth: Sendable, Equatable, Codable {
    /// When the device recorded it, unix ms.
    public var ts: Int64
    /// CPU used by the runtime, cores.
    public var cpuCores: Double
    /// Resident memory, bytes.
    public var memoryBytes: UInt64
    /// Median inference latency, µs.
    public var latencyP50Micros: UInt32
    /// 99th-percentile inference latency, µs.
    public var latencyP99Micros: UInt32
    /// Errors since the runtime started.
    public var errors: UInt32
    /// Telemetry records waiting in the device's outbox.
    public var outboxDepth: UInt64

    /// Health as given.
    public init(
        ts: Int64,
        cpuCores: Double,
        memoryBytes: UInt64,
        latencyP50Micros: UInt32,
        latencyP99Micros: UInt32,
        errors: UInt32,
        outboxDepth: UInt64
    ) {
        self.ts = ts
        self.cpuCores = cpuCores
        self.memoryBytes = memoryBytes
        self.latencyP50Micros = latencyP50Micros
        self.latencyP99Micros = latencyP99Micros
        self.errors = errors
        self.outboxDepth = outboxDepth
    }
}
