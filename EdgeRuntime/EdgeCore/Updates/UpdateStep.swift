/// The steps of applying an update, as reported on `{prefix}/{device}/events` with kind `update.{rawValue}`.
public enum UpdateStep: String, Sendable, Hashable, CaseIterable {
    /// The signed manifest is being checked, before any byte is downloaded.
    case verifying
    /// The artifact is being fetched (also when resuming a partial download).
    case downloading
    /// The verified artifact is written into the idle slot.
    case staged
    /// The idle slot is now the active one; the health check runs next.
    case switched
    /// The health check passed: the version is trusted, the previous model stays in the other slot.
    case committed
    /// The health check failed: the previous slot is active again.
    case rolledBack = "rolled_back"
    /// The update was refused; the event's `code` field says why.
    case rejected

    /// The event kind, `update.{step}`.
    public var kind: String { "update.\(rawValue)" }
}

/// Why an update was refused, as the `code` field of an `update.rejected` event: the `UpdateVerificationError`
/// codes, plus the refusals that come before or around verification.
public enum UpdateRejection: Sendable, Hashable {
    /// The manifest or artifact failed verification.
    case verification(String)
    /// The device has no trusted key configured (`update.trusted_key`), so it accepts no update.
    case noTrustedKey
    /// The desired model carries no signed manifest.
    case unsigned
    /// The hub has no such artifact.
    case unknownArtifact
    /// This version failed its health check before; it is not tried again.
    case failedBefore
    /// The artifact could not be written or read locally (for example a full disk).
    case storage

    /// The stable code.
    public var code: String {
        switch self {
        case .verification(let code): return code
        case .noTrustedKey: return "noTrustedKey"
        case .unsigned: return "unsigned"
        case .unknownArtifact: return "unknownArtifact"
        case .failedBefore: return "failedBefore"
        case .storage: return "storage"
        }
    }
}
