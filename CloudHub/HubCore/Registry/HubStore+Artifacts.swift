import EdgeModel
import UpdateSigning

/// Registering validated `.edgemodel` artifacts, and reading them back checked against their recorded hash.
extension HubStore {
    /// Registers `artifact` under the name, version, metrics and lineage its manifest carries (see
    /// ``register(_:actor:now:signer:)``).
    /// - Throws: `RegistryError` `.invalidName`, `.versionNotIncreasing`; `SQLiteError`.
    @discardableResult
    public func register(
        artifact: ModelArtifact,
        actor: String,
        now: Int64,
        signer: SigningKeyPair?
    ) throws -> RegisteredModel {
        let manifest = artifact.manifest
        guard let version = UInt32(exactly: manifest.version) else {
            throw RegistryError(.invalidArtifact, "\(manifest.name): version \(manifest.version) out of range")
        }
        return try register(
            ModelCandidate(
                name: manifest.name,
                version: version,
                artifact: artifact.encoded(),
                metrics: manifest.metrics,
                lineage: manifest.lineage
            ),
            actor: actor,
            now: now,
            signer: signer
        )
    }

    /// Validates `bytes` as an `.edgemodel` (``ModelArtifact/init(bytes:limits:)``) and registers it as
    /// ``register(artifact:actor:now:signer:)`` does.
    /// - Throws: `RegistryError` `.invalidArtifact` naming the failed check, `.invalidName`, `.versionNotIncreasing`.
    @discardableResult
    public func register(
        artifactBytes bytes: [UInt8],
        actor: String,
        now: Int64,
        signer: SigningKeyPair?
    ) throws -> RegisteredModel {
        let artifact: ModelArtifact
        do {
            artifact = try ModelArtifact(bytes: bytes)
        } catch {
            throw RegistryError(.invalidArtifact, error.description)
        }
        return try register(artifact: artifact, actor: actor, now: now, signer: signer)
    }

    /// The artifact bytes of a version after checking them against the SHA-256 recorded at registration, and its
    /// signed update manifest.
    /// - Throws: `RegistryError` `.corruptArtifact` when the bytes changed on disk, `.unknownModel`,
    ///   `.unknownVersion`.
    public func verifiedArtifact(
        _ name: String,
        version: UInt32
    ) throws -> (bytes: [UInt8], signedManifest: [UInt8]?) {
        let recorded = try model(name, version: version).sha256
        let stored = try artifact(name, version: version)
        let actual = ArtifactDigest.sha256(stored.bytes)
        guard actual == recorded else {
            throw RegistryError(.corruptArtifact, "\(name)@\(version): sha256 \(actual), registered as \(recorded)")
        }
        return stored
    }
}
