extension ConfigReader {
    /// The effective configuration, one `key = value (origin)` line per key read, sorted by key, for a
    /// `--print-config` flag. Secrets (keys ending in `password`, `secret` or `token`) show as `********`; unset
    /// optional keys as `(unset)`; line breaks inside values are escaped.
    public func describe() -> String {
        settings.map { setting in
            let value = setting.value.map(ValueText.escaped) ?? "(unset)"
            return "\(setting.key) = \(value) (\(setting.origin))"
        }
        .joined(separator: "\n")
    }
}
