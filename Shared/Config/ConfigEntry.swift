/// One flattened key with its raw value and where it was set.
public struct ConfigEntry: Sendable, Hashable {
    /// The dotted key, for example `mqtt.host` for `host` nested under `mqtt`.
    public let key: String
    /// The value as written.
    public let value: ConfigValue
    /// The file and line, environment variable or flag that set it.
    public let origin: ConfigOrigin

    /// Makes an entry.
    public init(key: String, value: ConfigValue, origin: ConfigOrigin) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}
