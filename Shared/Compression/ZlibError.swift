/// An error from ``Zlib``: a stable ``Code`` to branch on and a message for people.
public struct ZlibError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A parameter was out of range (compression level, output limit).
        case invalidArgument
        /// The input ended before the end of the zlib stream.
        case truncated
        /// The input is not a valid zlib stream (bad header, bad block, checksum mismatch, preset dictionary).
        case corrupted
        /// Bytes follow the end of a complete zlib stream.
        case trailingData
        /// Decompression would produce more than the caller's limit.
        case outputTooLarge
        /// zlib could not allocate its working memory.
        case outOfMemory
        /// zlib returned a status this wrapper does not expect; the message holds it.
        case internalFailure
    }

    /// What went wrong.
    public let code: Code
    /// Details for logs: the limit crossed, zlib's own message, the raw status.
    public let message: String

    /// Creates an error with its code and a message for logs.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A one-line form for logs.
    public var description: String { "zlib \(code.rawValue): \(message)" }
}
