import EdgeModel
import FoundationEssentials
import SQLiteStorage
import SignalFeatures
import UpdateSigning
import WireProtocol

/// The model registry (MLflow's, in miniature): versions strictly increasing per name, each with its artifact,
/// SHA-256, metrics, lineage and a signed update manifest; aliases, tags and an append-only audit log (see
/// `HubStore+Aliases.swift`). Kept in the hub's database, written with `synchronous=FULL`.
extension HubStore {
    /// How long a signed update manifest stays valid; a rollout re-signs versions it publishes.
    public static let manifestValidity = Duration.seconds(30 * 86_400)

    /// The highest registered version of `name`, nil when there is none.
    public func latestVersion(of name: String) throws -> UInt32? {
        try database.read { connection in
            try connection.scalar("SELECT max(version) FROM model_versions WHERE name = ?1", .text(name))?.int64
                .map { UInt32(clamping: $0) }
        }
    }

    /// Registers `candidate`, signing its update manifest with `signer` when given, and logs it in the audit log.
    /// - Throws: `RegistryError` `.invalidName`, `.invalidArtifact` (empty), `.versionNotIncreasing`; `SQLiteError`.
    @discardableResult
    public func register(
        _ candidate: ModelCandidate,
        actor: String,
        now: Int64,
        signer: SigningKeyPair?
    ) throws -> RegisteredModel {
        try Self.requireIdentifier(candidate.name, "model name")
        guard !candidate.artifact.isEmpty else {
            throw RegistryError(.invalidArtifact, "\(candidate.name)@\(candidate.version): empty artifact")
        }
        let sha256 = ArtifactDigest.sha256(candidate.artifact)
        let signed = signer.map { signer in
            signer.sign(
                UpdateManifest(
                    name: candidate.name,
                    version: candidate.version,
                    sha256: sha256,
                    length: UInt64(candidate.artifact.count),
                    expires: now + Int64(Self.manifestValidity.components.seconds) * 1_000
                )
            ).encode()
        }
        try database.write { connection in
            let latest = try connection.scalar(
                "SELECT max(version) FROM model_versions WHERE name = ?1",
                .text(candidate.name)
            )?.int64
            if let latest, Int64(candidate.version) <= latest {
                throw RegistryError(
                    .versionNotIncreasing,
                    "\(candidate.name)@\(candidate.version): version \(latest) is already registered"
                )
            }
            try connection.run(
                """
                INSERT INTO model_versions
                    (name, version, sha256, size, artifact, created_ms, created_by, metrics, lineage, signed_manifest)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """,
                bindings: [
                    .text(candidate.name), .integer(Int64(candidate.version)), .text(sha256),
                    .integer(Int64(candidate.artifact.count)), .blob(candidate.artifact), .integer(now), .text(actor),
                    .text(Self.json(candidate.metrics)), .text(Self.json(candidate.lineage)),
                    signed.map(SQLiteValue.blob) ?? .null,
                ]
            )
            try Self.audit(
                connection,
                RegistryAuditEntry(
                    ts: now,
                    actor: actor,
                    action: "register",
                    name: candidate.name,
                    version: candidate.version,
                    detail: "sha256 \(sha256), \(candidate.artifact.count) bytes\(signed == nil ? ", unsigned" : "")"
                )
            )
        }
        return try model(candidate.name, version: candidate.version)
    }

    /// Every registered version, by name, newest version first.
    public func models() throws -> [RegisteredModel] {
        try database.read { connection in
            try connection.query(
                """
                SELECT name, version, sha256, size, created_ms, created_by, metrics, lineage,
                    signed_manifest IS NOT NULL
                FROM model_versions ORDER BY name, version DESC
                """
            ).map { try Self.registeredModel($0, connection) }
        }
    }

    /// One version of a model.
    /// - Throws: `RegistryError` `.unknownModel` or `.unknownVersion`.
    public func model(_ name: String, version: UInt32) throws -> RegisteredModel {
        try database.read { connection in
            let rows = try connection.query(
                """
                SELECT name, version, sha256, size, created_ms, created_by, metrics, lineage,
                    signed_manifest IS NOT NULL
                FROM model_versions WHERE name = ?1 AND version = ?2
                """,
                .text(name),
                .integer(Int64(version))
            )
            guard let row = rows.first else { throw try Self.missing(name, "version \(version)", connection) }
            return try Self.registeredModel(row, connection)
        }
    }

    /// The version `reference` names: a version number, or an alias of `name`.
    /// - Throws: `RegistryError` `.unknownModel` or `.unknownVersion`.
    public func resolve(_ name: String, _ reference: String) throws -> UInt32 {
        if let version = UInt32(reference) { return try model(name, version: version).version }
        return try database.read { connection in
            guard
                let version = try connection.scalar(
                    "SELECT version FROM model_aliases WHERE name = ?1 AND alias = ?2",
                    .text(name),
                    .text(reference)
                )?.int64
            else { throw try Self.missing(name, "alias \(reference)", connection) }
            return UInt32(clamping: version)
        }
    }

    /// The feature pipeline `name`@`version` reads, nil for a model on raw input.
    /// - Throws: `RegistryError` for an unknown version; `ArtifactError` when the stored artifact does not decode.
    public func featurePipeline(_ name: String, version: UInt32) throws -> FeaturePipelineConfig? {
        try ModelArtifact(bytes: try artifact(name, version: version).bytes).manifest.featurePipeline
    }

    /// The artifact bytes and the signed update manifest (nil when registered without a key) of a version.
    /// - Throws: `RegistryError` `.unknownModel` or `.unknownVersion`.
    public func artifact(_ name: String, version: UInt32) throws -> (bytes: [UInt8], signedManifest: [UInt8]?) {
        try database.read { connection in
            let rows = try connection.query(
                "SELECT artifact, signed_manifest FROM model_versions WHERE name = ?1 AND version = ?2",
                .text(name),
                .integer(Int64(version))
            )
            guard let row = rows.first else { throw try Self.missing(name, "version \(version)", connection) }
            return (try row[0].blob ?? [], try row[1].blob)
        }
    }

    static func requireIdentifier(_ text: String, _ what: String) throws(RegistryError) {
        guard FleetIdentifier.isValid(text) else {
            throw RegistryError(.invalidName, "\(what) \(String(reflecting: text)) is not 1...64 of [A-Za-z0-9._-]")
        }
    }

    /// `.unknownModel` when nothing of `name` is registered, else `.unknownVersion` naming `what`.
    static func missing(_ name: String, _ what: String, _ connection: Connection) throws -> RegistryError {
        let known = try connection.scalar("SELECT count(*) FROM model_versions WHERE name = ?1", .text(name))?.int64
        return (known ?? 0) == 0
            ? RegistryError(.unknownModel, "no model named \(name)")
            : RegistryError(.unknownVersion, "\(name) has no \(what)")
    }

    private static func registeredModel(_ row: Row, _ connection: Connection) throws -> RegisteredModel {
        let name = try row[0].string ?? ""
        let version = try row[1].int64 ?? 0
        let aliases = try connection.query(
            "SELECT alias FROM model_aliases WHERE name = ?1 AND version = ?2 ORDER BY alias",
            .text(name),
            .integer(version)
        ).compactMap { try $0[0].string }
        let tags = try connection.query(
            "SELECT key, value FROM model_tags WHERE name = ?1 AND version = ?2",
            .text(name),
            .integer(version)
        ).reduce(into: [String: String]()) { tags, tag in tags[try tag[0].string ?? ""] = try tag[1].string ?? "" }
        return RegisteredModel(
            name: name,
            version: UInt32(clamping: version),
            sha256: try row[2].string ?? "",
            size: Int(try row[3].int64 ?? 0),
            createdMs: try row[4].int64 ?? 0,
            createdBy: try row[5].string ?? "",
            metrics: decode([String: Double].self, try row[6].string) ?? [:],
            lineage: decode(ModelLineage.self, try row[7].string) ?? ModelLineage(),
            aliases: aliases,
            tags: tags,
            signed: (try row[8].int64 ?? 0) != 0
        )
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain strings and finite numbers: encoding cannot fail; non-finite metrics are refused by JSONEncoder,
        // so they are stored as an empty object rather than corrupting the row.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func decode<T: Decodable>(_: T.Type, _ text: String?) -> T? {
        text.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}
