extension ConfigReader {
    /// The text of `key`, or `default` when no layer sets it.
    ///
    /// With `default` nil the key is required: throws `.missingKey` when unset. Throws `.badValue` for a list or a
    /// mapping.
    public mutating func string(_ key: String, default defaultValue: String? = nil) throws(ConfigError) -> String {
        try read(key, default: defaultValue, expected: "a string", shown: { $0 }, parse: { $0 })
    }

    /// The text of `key`, or `nil` when no layer sets it (a YAML null counts as unset).
    ///
    /// Throws `.badValue` for a list or a mapping.
    public mutating func optionalString(_ key: String) throws(ConfigError) -> String? {
        let expected = "a string"
        guard let entry = try lookup(key, expected: expected) else {
            record(key, shown: nil, origin: .builtInDefault)
            return nil
        }
        guard case .scalar(let text) = entry.value else { throw badValue(entry, expected: expected) }
        record(key, shown: text, origin: entry.origin)
        return text
    }

    /// The decimal integer at `key` (optional sign, no spaces), or `default` when no layer sets it.
    ///
    /// Throws `.badValue` for anything else or a value outside `range`, `.missingKey` when unset without a default.
    public mutating func int(
        _ key: String,
        default defaultValue: Int? = nil,
        range: ClosedRange<Int>? = nil
    ) throws(ConfigError) -> Int {
        let expected = "an integer" + (range.map { " in \($0.lowerBound)...\($0.upperBound)" } ?? "")
        return try read(key, default: defaultValue, expected: expected, shown: \.description) { text in
            guard let value = Int(text), range?.contains(value) ?? true else { return nil }
            return value
        }
    }

    /// The finite decimal number at `key` (`0.5`, `1e-3`), or `default` when no layer sets it.
    ///
    /// Throws `.badValue` for anything else, infinities, NaN or a value outside `range`; `.missingKey` when unset
    /// without a default.
    public mutating func double(
        _ key: String,
        default defaultValue: Double? = nil,
        range: ClosedRange<Double>? = nil
    ) throws(ConfigError) -> Double {
        let expected = "a number" + (range.map { " in \($0.lowerBound)...\($0.upperBound)" } ?? "")
        return try read(key, default: defaultValue, expected: expected, shown: \.description) { text in
            guard let value = Double(text), value.isFinite, range?.contains(value) ?? true else { return nil }
            return value
        }
    }

    /// The flag at `key`: `true`/`yes`/`on`/`1` or `false`/`no`/`off`/`0`, any case; `default` when unset.
    ///
    /// Throws `.badValue` for anything else, `.missingKey` when unset without a default.
    public mutating func bool(_ key: String, default defaultValue: Bool? = nil) throws(ConfigError) -> Bool {
        let expected = "a boolean (true/false, yes/no, on/off, 1/0)"
        return try read(key, default: defaultValue, expected: expected, shown: \.description) { text in
            switch text.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: return nil
            }
        }
    }

    /// The duration at `key`: a non-negative number with unit `ms`, `s`, `m` or `h` (`500ms`, `1.5s`, `5m`), or a
    /// bare number of seconds; `default` when unset.
    ///
    /// Throws `.badValue` for anything else or a value outside `range`, `.missingKey` when unset without a default.
    public mutating func duration(
        _ key: String,
        default defaultValue: Duration? = nil,
        range: ClosedRange<Duration>? = nil
    ) throws(ConfigError) -> Duration {
        let bounds = range.map { " in \(DurationText.format($0.lowerBound))...\(DurationText.format($0.upperBound))" }
        let expected = "a duration such as 500ms, 30s, 5m or 1h" + (bounds ?? "")
        return try read(key, default: defaultValue, expected: expected, shown: DurationText.format) { text in
            guard let value = DurationText.parse(text), range?.contains(value) ?? true else { return nil }
            return value
        }
    }

    /// One of `choices` (compared exactly) at `key`, or `default` when unset.
    ///
    /// Throws `.badValue` for any other value, `.missingKey` when unset without a default.
    public mutating func choice(
        _ key: String,
        default defaultValue: String? = nil,
        among choices: [String]
    ) throws(ConfigError) -> String {
        let expected = "one of " + choices.map(ValueText.quoted).joined(separator: ", ")
        return try read(key, default: defaultValue, expected: expected, shown: \.self) { text in
            choices.contains(text) ? text : nil
        }
    }

    /// The case of `Choice` whose raw value is at `key`, or `default` when unset.
    ///
    /// Throws `.badValue` for a value that is no case's raw value, `.missingKey` when unset without a default.
    public mutating func choice<Choice: CaseIterable & RawRepresentable>(
        _ key: String,
        default defaultValue: Choice? = nil
    ) throws(ConfigError) -> Choice where Choice.RawValue == String {
        let expected = "one of " + Choice.allCases.map { ValueText.quoted($0.rawValue) }.joined(separator: ", ")
        return try read(key, default: defaultValue, expected: expected, shown: \.rawValue) { text in
            Choice.allCases.first { $0.rawValue == text }
        }
    }

    /// The list at `key`, or `default` when unset.
    ///
    /// In the file it must be a YAML sequence of scalars; from the environment or a flag it is comma-separated,
    /// items trimmed of spaces, empty items dropped (so an empty value is an empty list). Throws `.badValue` for a
    /// scalar in the file or a mapping, `.missingKey` when unset without a default.
    public mutating func stringList(
        _ key: String,
        default defaultValue: [String]? = nil
    ) throws(ConfigError) -> [String] {
        let expected = "a list"
        let shown: ([String]) -> String = { "[" + $0.joined(separator: ", ") + "]" }
        guard let entry = try lookup(key, expected: expected) else {
            guard let defaultValue else { throw missingKey(key) }
            record(key, shown: shown(defaultValue), origin: .builtInDefault)
            return defaultValue
        }
        let items: [String]
        switch (entry.value, entry.origin) {
        case (.list(let list), _):
            items = list
        case (.scalar(let text), .environment), (.scalar(let text), .flag):
            items = text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        default:
            throw badValue(entry, expected: expected)
        }
        record(key, shown: shown(items), origin: entry.origin)
        return items
    }

    /// The common path of the scalar getters: look up, fall back to the default, parse, record.
    private mutating func read<Value>(
        _ key: String,
        default defaultValue: Value?,
        expected: String,
        shown: (Value) -> String,
        parse: (String) -> Value?
    ) throws(ConfigError) -> Value {
        guard let entry = try lookup(key, expected: expected) else {
            guard let defaultValue else { throw missingKey(key) }
            record(key, shown: shown(defaultValue), origin: .builtInDefault)
            return defaultValue
        }
        guard case .scalar(let text) = entry.value, let value = parse(text) else {
            throw badValue(entry, expected: expected)
        }
        record(key, shown: shown(value), origin: entry.origin)
        return value
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
