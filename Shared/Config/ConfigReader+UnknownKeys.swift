extension ConfigReader {
    /// One error per key set in the file or a flag, and per prefixed environment variable, that no getter read.
    ///
    /// Ordered as file entries by line, then flags as given, then environment variables by name. Each names the
    /// closest key that was read, when one is close: `edge.yaml:7: unknown key "mqtt.hots" (did you mean
    /// "mqtt.host"?)`. Call after every key has been read.
    public func unknownKeyErrors() -> [ConfigError] {
        var errors: [ConfigError] = []
        for entry in file.entries + flags.entries
        where !readKeys.contains(entry.key) && !emptySections.contains(entry.key) {
            let hint = Spelling.closest(to: entry.key, among: readKeys).map { " (did you mean \"\($0)\"?)" } ?? ""
            errors.append(
                ConfigError(
                    code: .unknownKey,
                    key: entry.key,
                    origin: entry.origin,
                    message: "unknown key \"\(entry.key)\"\(hint)"
                )
            )
        }
        let readVariables = Set(readKeys.map(environment.variableName(for:)))
        for variable in environment.variables.keys.sorted() where !readVariables.contains(variable) {
            let hint = Spelling.closest(to: variable, among: readVariables).map { " (did you mean \($0)?)" } ?? ""
            errors.append(
                ConfigError(
                    code: .unknownKey,
                    key: nil,
                    origin: .environment(variable: variable),
                    message: "unknown environment variable: no config key maps to it\(hint)"
                )
            )
        }
        return errors
    }

    /// Throws the first of `unknownKeyErrors()`, if any; call once the daemon has read all its keys.
    public func finish() throws(ConfigError) {
        if let first = unknownKeyErrors().first {
            throw first
        }
    }
}
