/// What a signed update promises about one artifact: which model and version it is, its exact bytes (SHA-256 and
/// length) and until when the promise holds. TUF's targets metadata in miniature.
public struct UpdateManifest: Sendable, Hashable {
    /// Registry name of the model.
    public var name: String
    /// Version, strictly increasing per name.
    public var version: UInt32
    /// SHA-256 of the artifact bytes, 64 lowercase hex characters.
    public var sha256: String
    /// Artifact length, bytes (> 0): a download never reads past it.
    public var length: UInt64
    /// Unix milliseconds after which the manifest is refused (a frozen or replayed manifest goes stale).
    public var expires: Int64

    /// A manifest as given; ``UpdateVerifier`` checks it against the artifact.
    public init(name: String, version: UInt32, sha256: String, length: UInt64, expires: Int64) {
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.length = length
        self.expires = expires
    }

    /// The bytes the signature covers: a fixed domain tag and every field, one per line, so no two different
    /// manifests share them and a signature made for another purpose never verifies as one.
    var signedBytes: [UInt8] {
        Array("edgefleet-update-manifest-v1\n\(name)\n\(version)\n\(sha256)\n\(length)\n\(expires)\n".utf8)
    }
}
