/// Why `hub train` could not produce a model: a stable code and the context.
public struct TrainingRunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The data cannot train a classifier: no windows, one class only, a class too small to split, windows that
        /// do not fit the feature pipeline.
        case badDataset
        /// The configured model cannot read this data (a CNN over a feature pipeline).
        case unsupportedModel
        /// The trainer refused the data or diverged.
        case trainingFailed
        /// Quantization or the artifact's validation failed.
        case exportFailed
    }

    /// What went wrong.
    public let code: Code
    /// Details.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
