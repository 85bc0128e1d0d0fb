/// What one ``HubStore/record(statuses:events:telemetry:receivedAt:)`` transaction changed.
public struct IngestCounts: Sendable, Hashable {
    /// Rows inserted or updated, all tables together.
    public var changed: Int
    /// Telemetry records stored for the first time.
    public var telemetryStored: Int
    /// Telemetry records already stored (same device and seq): a redelivery, ignored.
    public var telemetryDuplicates: Int
}
