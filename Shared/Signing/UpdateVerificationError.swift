/// Why an update was refused. The code is stable (scripts, tests and device events match on it); the context names
/// the values involved.
public struct UpdateVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal, one per attack class.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The signed manifest does not parse or a field is out of its rules.
        case malformed
        /// Signed by a key the device does not trust.
        case unknownKey
        /// The signature does not verify: the manifest was altered or signed by someone else.
        case badSignature
        /// The manifest is for another model than the one asked for (mix-and-match).
        case wrongName
        /// The version is not above the one the device trusts (rollback).
        case rollback
        /// The manifest has expired (freeze or replay).
        case expired
        /// The artifact is not the promised length (truncated or endless data).
        case lengthMismatch
        /// The artifact's SHA-256 is not the promised one (tampered).
        case hashMismatch
        /// A key file is missing, unreadable, malformed or too open.
        case badKeyFile
    }

    /// What went wrong.
    public let code: Code
    /// The values involved.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
