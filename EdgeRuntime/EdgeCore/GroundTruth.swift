import WireProtocol

/// The true labels a device has been told (`sensors/{device}/label`), and which of them holds for a whole window.
///
/// A label holds from its `ts` until the next label's `ts`. A window gets a label only when it lies entirely inside
/// one label's span, so windows straddling a change stay unlabelled rather than wrongly labelled. Pure value; the
/// sensor pipeline keeps one per device.
public struct GroundTruth: Sendable, Equatable {
    /// The latest label, nil before any.
    public private(set) var current: SensorLabel?
    /// The label before ``current``: windows that started before the change can still fall inside it.
    public private(set) var previous: SensorLabel?

    /// No label known.
    public init() {}

    /// Takes a newly received label. A label older than the current one (a late retained copy) is ignored; the same
    /// label again changes nothing.
    /// - Returns: whether the labels changed.
    @discardableResult
    public mutating func receive(_ label: SensorLabel) -> Bool {
        if let current {
            guard label.ts > current.ts else { return false }
            if label.state == current.state { return false }
        }
        previous = current
        current = label
        return true
    }

    /// The label of the window `[startMs, endMs)`, nil when no single known label covers all of it.
    public func label(startMs: Int64, endMs: Int64) -> String? {
        guard let current else { return nil }
        if startMs >= current.ts { return current.state }
        if let previous, startMs >= previous.ts, endMs <= current.ts { return previous.state }
        return nil
    }
}
