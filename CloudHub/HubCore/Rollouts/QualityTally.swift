import WireProtocol

/// Folds one device's telemetry records, in sequence order, into the ``QualityReport`` a rollout gates on. Pure: the
/// runner feeds it the records the hub stored, a few at a time, and keeps it between rounds.
///
/// - Predictions of the rolled-out version count from `committedMs` on (device clock, the `update.committed` event's
///   time); those of the previous version count whenever they were made (the accuracy baseline). A prediction that
///   carries the true label (`truth`, from `sensors/{device}/label` on the edge) is labelled, and correct when its
///   label is the truth.
/// - Errors come from health records, whose error count is cumulative since the device's process started: what a
///   record adds over the one before it counts, once the update committed; a count lower than the one before means
///   the process restarted, and then the whole count is new. The first health record seen only sets the base.
public struct QualityTally: Sendable, Hashable {
    /// Registry name of the model.
    public let model: String
    /// The rolled-out version.
    public let version: UInt32
    /// The device's version before, nil for none.
    public let previousVersion: UInt32?
    /// When the device committed the rolled-out version, unix ms of its clock.
    public let committedMs: Int64
    /// The figures so far.
    public private(set) var report = QualityReport(updated: DeviceQuality(), previous: DeviceQuality())
    /// The highest seq folded in; the runner asks the store for records after it.
    public private(set) var lastSeq: UInt64 = 0
    private var lastErrorCount: UInt32?

    /// An empty tally.
    public init(model: String, version: UInt32, previousVersion: UInt32?, committedMs: Int64) {
        self.model = model
        self.version = version
        self.previousVersion = previousVersion
        self.committedMs = committedMs
    }

    /// Folds in `record`; a record at or below ``lastSeq`` (already folded) changes nothing.
    public mutating func add(_ record: TelemetryRecord) {
        guard record.seq > lastSeq else { return }
        lastSeq = record.seq
        switch record.payload {
        case .prediction(let prediction) where prediction.modelName == model:
            if prediction.modelVersion == version, record.ts >= committedMs {
                Self.count(prediction, in: &report.updated)
            } else if prediction.modelVersion == previousVersion {
                Self.count(prediction, in: &report.previous)
            }
        case .health(let health):
            defer { lastErrorCount = health.errorCount }
            guard let last = lastErrorCount, record.ts >= committedMs else { return }
            report.updated.errors += Int(health.errorCount >= last ? health.errorCount - last : health.errorCount)
        default:
            break
        }
    }

    private static func count(_ prediction: TelemetryPayload.Prediction, in quality: inout DeviceQuality) {
        quality.predictions += 1
        guard let truth = prediction.truth else { return }
        quality.labelled += 1
        if prediction.label == truth { quality.correct += 1 }
    }
}
