/// Why a federated step on a device or the hub failed: a stable ``Code`` and a context.
public struct FederatedTrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Parameters do not fit the network (layer count, names, shapes).
        case layoutMismatch
        /// No usable local samples, or samples that do not fit the model.
        case noSamples
        /// Local training failed (bad data, divergence).
        case trainingFailed
        /// An update could not be encoded, or a received one could not be inflated or decoded.
        case badUpdate
    }

    /// What went wrong.
    public let code: Code
    /// Details for logs.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "federated \(code.rawValue): \(context)" }
}
