/// How raw values appear inside one-line error messages and `describe()` output.
enum ValueText {
    /// Longest value shown in full; longer ones are cut so an error stays readable.
    static let maximumShownCharacters = 60

    /// `value` in double quotes, escaped as by `escaped(_:)` and cut to `maximumShownCharacters` with a trailing `…`.
    static func quoted(_ value: String) -> String {
        let cut = value.count > maximumShownCharacters ? "…" : ""
        return "\"\(escaped(String(value.prefix(maximumShownCharacters))))\(cut)\""
    }

    /// `value` with quotes, backslashes and control characters (line breaks included) escaped, so it fits on one
    /// line.
    static func escaped(_ value: String) -> String {
        var shown = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.isNewlineLike {
                    shown += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return shown
    }

    /// True for keys whose values must not be shown: those ending in `password`, `secret` or `token`.
    static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "token"].contains { lowered.hasSuffix($0) }
    }

    /// What stands in for a secret value.
    static let mask = "********"
}

extension Unicode.Scalar.Properties {
    /// Line and paragraph separators, which are not control characters but still break a line.
    fileprivate var isNewlineLike: Bool {
        generalCategory == .lineSeparator || generalCategory == .paragraphSeparator
    }
}
