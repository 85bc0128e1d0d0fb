/// One registered model version as `hub models show` prints it.
public struct RegisteredModel: Codable, Sendable, Hashable {
    /// Registry name.
    public var name: String
    /// Version.
    public var version: UInt32
    /// SHA-256 of the artifact, hex.
    public var sha256: String
    /// Artifact size, bytes.
    public var size: Int
    /// When it was registered, unix ms.
    public var createdMs: Int64
    /// Who or what registered it.
    public var createdBy: String
    /// Evaluation figures.
    public var metrics: [String: Double]
    /// Where it came from.
    public var lineage: ModelLineage
    /// Aliases pointing at this version (`production`, `staging`, `canary`, …), sorted.
    public var aliases: [String]
    /// Tags of this version.
    public var tags: [String: String]
    /// Whether a signed update manifest is stored with it.
    public var signed: Bool

    enum CodingKeys: String, CodingKey {
        case name, version, sha256, size, metrics, lineage, aliases, tags, signed
        case createdMs = "created_ms"
        case createdBy = "created_by"
    }
}

/// One line of the registry's append-only audit log.
public struct RegistryAuditEntry: Codable, Sendable, Hashable {
    /// When, unix ms.
    public var ts: Int64
    /// Who or what did it (a user name, `hub train`, `rollout`, `drift-policy`).
    public var actor: String
    /// `register`, `promote`, `tag`, …
    public var action: String
    /// Model name.
    public var name: String
    /// Version concerned, if any.
    public var version: UInt32?
    /// What exactly, and why.
    public var detail: String
}
