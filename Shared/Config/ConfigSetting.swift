/// The effective value of one key the program read, and where it came from; see `ConfigReader.settings`.
public struct ConfigSetting: Sendable, Hashable {
    /// The dotted key.
    public let key: String
    /// The value as text (lists as `[a, b]`), `********` for secrets, `nil` for an unset optional key.
    public let value: String?
    /// The layer that supplied the value; `.builtInDefault` when no layer set the key.
    public let origin: ConfigOrigin

    /// Makes a setting; `value` is taken as already masked.
    public init(key: String, value: String?, origin: ConfigOrigin) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}
