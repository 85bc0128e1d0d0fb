/// Typed access to configuration, layered as built-in default < file < environment < flags.
///
/// The daemon reads every key it knows through the getters (see `ConfigReader+Getters.swift`), which record what
/// was read, then calls `finish()` so that any key set in the file, a flag or a prefixed environment variable but
/// never read is reported: a typo silently ignored is worse than a refusal to start.
///
/// Getters are `mutating` because they record the keys read; a reader is a value, so pass it `inout`.
public struct ConfigReader: Sendable {
    /// The config file (or `ConfigSource.empty`).
    public let file: ConfigSource
    /// The prefixed environment variables.
    public let environment: ConfigEnvironment
    /// The `--set` flags.
    public let flags: ConfigFlags

    private let fileEntries: [String: ConfigEntry]
    private let flagEntries: [String: ConfigEntry]
    /// Every key asked for, found or not, so that `finish()` can tell used keys from typos.
    private(set) var readKeys: Set<String> = []
    /// Keys set to null in the file that turned out to be parents of keys read: `mqtt:` with nothing under it.
    private(set) var emptySections: Set<String> = []
    private var settingsByKey: [String: ConfigSetting] = [:]

    /// Layers `file`, `environment` and `flags`; nothing is checked until keys are read.
    public init(file: ConfigSource = .empty, environment: ConfigEnvironment, flags: ConfigFlags = .empty) {
        self.file = file
        self.environment = environment
        self.flags = flags
        fileEntries = Dictionary(file.entries.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        flagEntries = Dictionary(flags.entries.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Loads the file at `configFile` (none when `nil`), parses `flags` and reads this process's environment
    /// variables starting with `environmentPrefix` and `_`.
    ///
    /// Throws the errors of `ConfigSource(contentsOfFile:)` and `ConfigFlags(_:)`.
    public init(configFile: String?, environmentPrefix: String, flags: [String]) throws(ConfigError) {
        self.init(
            file: try configFile.map { path throws(ConfigError) in try ConfigSource(contentsOfFile: path) } ?? .empty,
            environment: .current(prefix: environmentPrefix),
            flags: try ConfigFlags(flags)
        )
    }

    /// The keys read so far with their effective values and origins, sorted by key.
    public var settings: [ConfigSetting] {
        settingsByKey.values.sorted { $0.key < $1.key }
    }

    /// The entry that wins for `key`, or `nil` when no layer sets it (a null in the file counts as not set).
    ///
    /// Records `key` as read. Throws `.badValue` when the file or a flag has keys under `key` (a mapping where
    /// `expected` was wanted) or sets a parent of `key` to a value (a scalar where a mapping was wanted).
    mutating func lookup(_ key: String, expected: String) throws(ConfigError) -> ConfigEntry? {
        readKeys.insert(key)
        try checkShape(of: key, expected: expected)
        if let flag = flagEntries[key] {
            return flag
        }
        let variable = environment.variableName(for: key)
        if let value = environment.variables[variable] {
            return ConfigEntry(key: key, value: .scalar(value), origin: .environment(variable: variable))
        }
        if let entry = fileEntries[key], entry.value != .null {
            return entry
        }
        return nil
    }

    /// Remembers what a getter returned for `describe()`, masking secrets.
    mutating func record(_ key: String, shown: String?, origin: ConfigOrigin) {
        let value = ValueText.isSecret(key) ? shown.map { _ in ValueText.mask } : shown
        settingsByKey[key] = ConfigSetting(key: key, value: value, origin: origin)
    }

    /// The error for a key that no layer sets and that has no default.
    func missingKey(_ key: String) -> ConfigError {
        let fileName = file.name ?? "the config file"
        return ConfigError(
            code: .missingKey,
            key: key,
            origin: fileEntries[key]?.origin,
            message: "missing required key \"\(key)\" (set it in \(fileName), as \(environment.variableName(for: key)) "
                + "or with --set \(key)=…)"
        )
    }

    /// The error for a value that a getter cannot use.
    func badValue(_ entry: ConfigEntry, expected: String) -> ConfigError {
        ConfigError(
            code: .badValue,
            key: entry.key,
            origin: entry.origin,
            message: "\(entry.key): expected \(expected), got \(shown(entry.value, of: entry.key))"
        )
    }

    private mutating func checkShape(of key: String, expected: String) throws(ConfigError) {
        let childPrefix = "\(key)."
        for entry in file.entries + flags.entries where entry.key.hasPrefix(childPrefix) {
            throw ConfigError(
                code: .badValue,
                key: key,
                origin: entry.origin,
                message: "\(key): expected \(expected), got a mapping (holding \"\(entry.key)\")"
            )
        }
        var parent = Substring(key)
        while let dot = parent.lastIndex(of: ".") {
            parent = parent[..<dot]
            let parentKey = String(parent)
            for entry in [flagEntries[parentKey], fileEntries[parentKey]].compactMap({ $0 }) {
                guard entry.value != .null else {
                    emptySections.insert(parentKey)
                    continue
                }
                throw ConfigError(
                    code: .badValue,
                    key: parentKey,
                    origin: entry.origin,
                    message: "\(parentKey): expected a mapping holding \"\(key)\", "
                        + "got \(shown(entry.value, of: parentKey))"
                )
            }
        }
    }

    private func shown(_ value: ConfigValue, of key: String) -> String {
        switch value {
        case .null: return "nothing"
        case .list: return "a list"
        case .scalar(let text):
            return ValueText.isSecret(key) ? ValueText.quoted(ValueText.mask) : ValueText.quoted(text)
        }
    }
}
