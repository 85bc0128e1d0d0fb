/// A model version about to be registered: its artifact and what the registry keeps beside it.
public struct ModelCandidate: Sendable {
    /// Registry name, 1...64 bytes of `[A-Za-z0-9._-]`.
    public var name: String
    /// Version, above every registered version of `name` (the artifact's manifest carries the same number).
    public var version: UInt32
    /// The `.edgemodel` bytes.
    public var artifact: [UInt8]
    /// Evaluation figures by name (`accuracy`, `int8_accuracy`, …).
    public var metrics: [String: Double]
    /// Where it came from.
    public var lineage: ModelLineage

    /// A candidate as given; ``HubStore/register(_:actor:now:signer:)`` validates it.
    public init(name: String, version: UInt32, artifact: [UInt8], metrics: [String: Double], lineage: ModelLineage) {
        self.name = name
        self.version = version
        self.artifact = artifact
        self.metrics = metrics
        self.lineage = lineage
    }
}
