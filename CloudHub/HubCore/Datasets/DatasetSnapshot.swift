import SignalFeatures

/// A labelled dataset kept in the hub's database, named by the hash of its content: the same windows in the same
/// order always make the same snapshot, so a model's lineage names exactly the data it was trained on. A snapshot
/// holds raw windows (imported from `firmware-sim export`) or, when ``pipeline`` is set, feature vectors that devices
/// computed with that pipeline and labelled (collected from their telemetry).
public struct DatasetSnapshot: Codable, Sendable, Hashable {
    /// SHA-256 (hex) of the content; see ``HubStore/snapshotHash(of:)``.
    public var hash: String
    /// Where the windows came from (the imported file's path).
    public var source: String
    /// When it was imported, unix ms.
    public var createdMs: Int64
    /// Number of windows.
    public var windows: Int
    /// Windows per label.
    public var labels: [String: Int]
    /// The pipeline that computed the vectors of a feature snapshot; nil for raw windows.
    public var pipeline: FeaturePipelineConfig?

    /// A snapshot with the given fields.
    public init(
        hash: String,
        source: String,
        createdMs: Int64,
        windows: Int,
        labels: [String: Int],
        pipeline: FeaturePipelineConfig? = nil
    ) {
        self.hash = hash
        self.source = source
        self.createdMs = createdMs
        self.windows = windows
        self.labels = labels
        self.pipeline = pipeline
    }

    enum CodingKeys: String, CodingKey {
        case hash, source, windows, labels, pipeline
        case createdMs = "created_ms"
    }
}

/// Why the dataset store refused a request: a stable code and the names involved.
public struct DatasetStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Code: String, Sendable, Hashable {
        /// An import without any window.
        case emptyDataset
        /// No snapshot has that hash (or hash prefix), or a prefix names more than one.
        case unknownSnapshot
        /// A stored window no longer decodes.
        case corruptWindow
        /// A raw-window snapshot asked for as feature vectors, or the other way round.
        case wrongKind
    }

    /// What went wrong.
    public let code: Code
    /// The names and values involved.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
