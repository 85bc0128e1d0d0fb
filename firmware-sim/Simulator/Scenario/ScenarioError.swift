/// A scenario file that cannot be used: a stable ``Code``, the key concerned (dotted, with list indices, for
/// example `groups[1].drift[0].ramp`) and the line, so that the message points at the mistake.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; stable.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file cannot be read or is not UTF-8.
        case unreadableFile
        /// The text is not YAML (or JSON), or its top level is not a mapping.
        case syntax
        /// A key that the scenario format does not have.
        case unknownKey
        /// A value of the wrong type, out of range, or inconsistent with another.
        case badValue
        /// A required key is missing.
        case missingKey
    }

    /// What kind of problem this is.
    public let code: Code
    /// The file or `default scenario`.
    public let source: String
    /// 1-based line, when known.
    public let line: Int?
    /// The key concerned, when there is one.
    public let key: String?
    /// What is wrong, one line.
    public let message: String

    /// An error at `key` (and `line`) of `source`.
    public init(_ code: Code, source: String, line: Int? = nil, key: String? = nil, _ message: String) {
        self.code = code
        self.source = source
        self.line = line
        self.key = key
        self.message = String(message.map { $0.isNewline ? " " : $0 })
    }

    /// One line: `demo.yaml:12: groups[0].drift[0].kind: "gian" is not one of gain, offset, …`.
    public var description: String {
        let place = line.map { "\(source):\($0)" } ?? source
        guard let key else { return "\(place): \(message)" }
        return "\(place): \(key): \(message)"
    }
}
