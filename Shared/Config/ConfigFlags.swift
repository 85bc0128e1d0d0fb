/// Overrides given on the command line as repeated `--set key=value`; the last one for a key wins.
public struct ConfigFlags: Sendable {
    /// One entry per flag, in the order given.
    public let entries: [ConfigEntry]

    /// No flags.
    public static let empty = ConfigFlags(entries: [])

    private init(entries: [ConfigEntry]) {
        self.entries = entries
    }

    /// Parses `assignments`, each `key=value` (the value may be empty and may contain `=`).
    ///
    /// Throws `ConfigError` with code `.badFlag` for an assignment without `=`, with an empty key, or with a key
    /// that is not dotted words of letters, digits, `_` and `-`.
    public init(_ assignments: [String]) throws(ConfigError) {
        var entries: [ConfigEntry] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw Self.badFlag(assignment, "expected key=value")
            }
            let key = String(assignment[..<equals])
            guard !key.isEmpty else { throw Self.badFlag(assignment, "the key before = is empty") }
            guard Self.isValidKey(key) else {
                throw Self.badFlag(
                    assignment,
                    "\"\(key)\" is not a key (words of letters, digits, _ and - joined by single dots)"
                )
            }
            let value = String(assignment[assignment.index(after: equals)...])
            entries.append(ConfigEntry(key: key, value: .scalar(value), origin: .flag(key: key)))
        }
        self.entries = entries
    }

    private static func isValidKey(_ key: String) -> Bool {
        key.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }

    private static func badFlag(_ assignment: String, _ problem: String) -> ConfigError {
        ConfigError(
            code: .badFlag,
            key: nil,
            origin: nil,
            message: "bad flag --set \(ValueText.quoted(assignment)): \(problem)"
        )
    }
}
