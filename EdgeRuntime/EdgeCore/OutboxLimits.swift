/// How much telemetry the edge keeps while it cannot send, and what it gives up when that is exceeded.
public struct OutboxLimits: Sendable, Hashable {
    /// What to do with a record that does not fit.
    public enum Overflow: String, Sendable, Hashable, CaseIterable {
        /// Delete the oldest records to make room: recent data matters most (the default).
        case dropOldest = "drop_oldest"
        /// Keep what is stored and refuse the new records: the oldest data matters most.
        case rejectNewest = "reject_newest"
    }

    /// Most records kept, ≥ 1.
    public var maxRecords: Int
    /// Records older than this are deleted unsent.
    public var maxAge: Duration
    /// Policy when `maxRecords` is reached.
    public var overflow: Overflow
    /// How long a sent batch waits for the hub's confirmation before it is sent again.
    public var ackTimeout: Duration

    /// Limits as given.
    public init(maxRecords: Int, maxAge: Duration, overflow: Overflow, ackTimeout: Duration = .seconds(10)) {
        self.maxRecords = maxRecords
        self.maxAge = maxAge
        self.overflow = overflow
        self.ackTimeout = ackTimeout
    }
}

/// What became of the records handed to ``EdgeStateStore/appendTelemetry(_:at:limits:)``.
public struct OutboxAppendResult: Sendable, Hashable {
    /// New records stored.
    public var stored: Int
    /// Older records deleted unsent to make room (`drop_oldest`).
    public var droppedOldest: Int
    /// New records refused (`reject_newest`, or more new records than the outbox holds at all).
    public var rejected: Int

    /// A result as given.
    public init(stored: Int, droppedOldest: Int, rejected: Int) {
        self.stored = stored
        self.droppedOldest = droppedOldest
        self.rejected = rejected
    }
}
