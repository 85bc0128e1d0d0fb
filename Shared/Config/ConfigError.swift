/// A configuration problem, reported as one line that names the key and, where known, the file and line.
///
/// Daemons print `description` and exit non-zero; the fields are there for tests and for callers that
/// validate combinations of keys themselves and want to report them in the same shape.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem this is; stable, so callers and tests may switch on it.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The YAML text cannot be parsed, or its top level is not a mapping.
        case syntax
        /// The same key is set twice in one document.
        case duplicateKey
        /// A key (or environment variable) is set but no part of the program reads it.
        case unknownKey
        /// A value does not have the type, range or shape the program expects.
        case badValue
        /// A key without a default is set nowhere.
        case missingKey
        /// A `--set` flag is not of the form `key=value` with a valid key.
        case badFlag
        /// The config file cannot be read or is not UTF-8.
        case unreadableFile
    }

    /// What kind of problem this is.
    public let code: Code
    /// The dotted key concerned, when one is known.
    public let key: String?
    /// Where the offending value came from, when known.
    public let origin: ConfigOrigin?
    /// The problem itself, without the origin; never contains a line break.
    public let message: String

    /// Makes an error; line breaks in `message` are replaced by spaces so the description stays one line.
    public init(code: Code, key: String?, origin: ConfigOrigin?, message: String) {
        self.code = code
        self.key = key
        self.origin = origin
        self.message = String(message.map { $0.isNewline ? " " : $0 })
    }

    /// One line: `origin: message`, for example `edge.yaml:4: mqtt.port: expected an integer, got "abc"`.
    public var description: String {
        guard let origin else { return message }
        return "\(origin): \(message)"
    }
}
