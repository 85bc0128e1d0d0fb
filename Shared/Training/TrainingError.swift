/// Why training could not start or go on: a stable ``Code`` and a message.
public struct TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The network has a layer the trainer cannot differentiate yet (convolution, pooling).
        case unsupportedLayer
        /// Inputs, labels or masks do not fit the network (count, size, label out of range, non-finite value).
        case badData
        /// The loss became NaN or infinite.
        case diverged
    }

    /// What went wrong.
    public let code: Code
    /// Details for logs.
    public let message: String

    /// An error with its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A one-line form for logs.
    public var description: String { "training \(code.rawValue): \(message)" }
}
