/// Why a wire message or topic was rejected: a stable ``Code`` and a context naming the message and field.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The bytes end before the message does.
        case truncated
        /// The message, or a length it declares, is larger than the format allows; checked before parsing.
        case oversized
        /// The schema version `v` is not one this build reads.
        case unsupportedVersion
        /// A binary message does not start with its magic bytes.
        case badMagic
        /// The bytes are not the format at all: bad JSON, wrong types, missing fields, trailing bytes, bad zlib.
        case malformed
        /// The format is right but a value is not allowed: NaN, empty id, bad device id, counts that don't match.
        case invalidField
    }

    /// What went wrong.
    public let code: Code
    /// The message and field concerned, then what was wrong with it, e.g. `SensorFrame.hz: must be in (0, 1e6]`.
    public let context: String

    /// Creates an error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "wire \(code.rawValue): \(context)" }
}
