/// Why the registry refused a request. The code is stable (the CLI's exit paths and tests match on it).
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Code: String, Sendable, Hashable {
        /// A model name, alias or tag key that is not 1...64 bytes of `[A-Za-z0-9._-]`.
        case invalidName
        /// A version not above every registered version of the model.
        case versionNotIncreasing
        /// No model of that name.
        case unknownModel
        /// No such version (or alias) of the model.
        case unknownVersion
        /// An artifact that is empty or whose metadata does not match the request.
        case invalidArtifact
        /// A version registered without a signed update manifest, which devices would refuse.
        case unsigned
        /// A stored artifact whose bytes no longer match the SHA-256 recorded when it was registered.
        case corruptArtifact
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
