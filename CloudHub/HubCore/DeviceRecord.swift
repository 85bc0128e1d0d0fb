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
}
