/// Why an `.edgemodel` artifact, or a model built from one, was refused: a stable ``Code`` to branch on, the part
/// of the artifact at fault (``context``: a tensor or layer name, a manifest key) and a message for people.
public struct ArtifactError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file does not start with the `.edgemodel` magic.
        case badMagic
        /// The format version is not one this build reads.
        case unsupportedVersion
        /// The file or its decompressed body ends before a declared part.
        case truncated
        /// A declared size (file, body, manifest, tensor count, element count) is past this build's limits.
        case limitExceeded
        /// The zlib body is damaged or its length differs from the header's.
        case corruptBody
        /// The manifest is not valid JSON of the expected schema.
        case badManifest
        /// A tensor's offset, length, type or shape disagrees with the data or with the layer that uses it.
        case badTensor
        /// A layer's parameters are out of range or its input shape does not fit it.
        case badLayer
        /// Quantization parameters are missing, non-finite or out of range.
        case badQuantization
        /// The artifact is valid but not what the caller asked for (an int8 runtime given a float model).
        case unsupportedModel
    }

    /// What went wrong.
    public let code: Code
    /// Where: a tensor, layer or manifest key; empty for the file as a whole.
    public let context: String
    /// Details for logs: the values involved.
    public let message: String

    /// An error with its code, the part at fault and a message for logs.
    public init(_ code: Code, _ context: String = "", _ message: String) {
        self.code = code
        self.context = context
        self.message = message
    }

    /// A one-line form for logs.
    public var description: String {
        context.isEmpty
            ? "edgemodel \(code.rawValue): \(message)" : "edgemodel \(code.rawValue) [\(context)]: \(message)"
    }
}
