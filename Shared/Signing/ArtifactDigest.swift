import Crypto

/// The SHA-256 of artifact bytes as 64 lowercase hex characters: the form manifests, desired states and the
/// registry carry. Callers need not import Crypto.
public enum ArtifactDigest {
    /// The hex SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hexDigest(of: bytes)
    }
}
