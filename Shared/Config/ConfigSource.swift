import Yams

/// A YAML config document flattened to dotted keys, each with its value and line.
///
/// Nested mappings become dotted keys (`mqtt: {host: x}` is `mqtt.host`), scalars are kept as the text written,
/// sequences of scalars become lists. An empty document is an empty config.
public struct ConfigSource: Sendable {
    /// The file path, or the name given to a string source; `nil` for `empty`.
    public let name: String?
    /// The flattened keys in document order; no key appears twice.
    public let entries: [ConfigEntry]

    /// A config with no file: every key comes from the environment, flags or defaults.
    public static let empty = ConfigSource(name: nil, entries: [])

    private init(name: String?, entries: [ConfigEntry]) {
        self.name = name
        self.entries = entries
    }

    /// Parses `yaml`; `name` stands for the file in error messages and origins.
    ///
    /// Throws `ConfigError` with code `.syntax` for text that is not YAML, holds several documents, or whose top
    /// level is not a mapping; `.duplicateKey` when a key is set twice; `.badValue` for a sequence holding mappings
    /// or sequences.
    public init(yaml: String, name: String) throws(ConfigError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(parsing: error, document: name, text: yaml)
        }
        self.init(name: name, entries: try Self.flatten(root: root, document: name))
    }

    /// Reads and parses the file at `path`; `path` is used as written in error messages.
    ///
    /// Throws `ConfigError` with code `.unreadableFile` when the file cannot be read or is not UTF-8, and the
    /// errors of `init(yaml:name:)` for its contents.
    public init(contentsOfFile path: String) throws(ConfigError) {
        try self.init(yaml: try TextFile.contents(of: path), name: path)
    }
}
