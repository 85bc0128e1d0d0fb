/// Why an update could not be encoded or decoded: a stable ``Code`` and a context naming the layer, offset or limit.
public struct UpdateCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The bytes end before the format says they should.
        case truncated
        /// The bytes do not start with the codec's magic.
        case badMagic
        /// A format version this build does not read.
        case unsupportedVersion
        /// Unknown flag bits, or a setting the encoder cannot honour (top-k fraction outside (0, 1]).
        case badEncoding
        /// More layers, elements or name bytes than the decoder's ``UpdateCodec/Limits`` allow, or more than the
        /// format can carry.
        case limitExceeded
        /// A layer name that is empty, not UTF-8, or repeated.
        case badName
        /// A rank above 8.
        case badShape
        /// A sparse index out of range or not strictly increasing, or more kept entries than elements.
        case badIndex
        /// A non-finite value, a scale that is negative or so large that 127 × scale overflows, or the int8 value −128 (the codec uses [−127, 127]).
        case badValue
        /// Bytes left after the last layer.
        case trailingBytes
    }

    /// What went wrong.
    public let code: Code
    /// The layer, byte offset or limit concerned.
    public let context: String

    /// Creates an error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "update codec \(code.rawValue): \(context)" }
}
