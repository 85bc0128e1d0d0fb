/// A raw configuration value, before a getter gives it a type.
public enum ConfigValue: Sendable, Hashable {
    /// A YAML null (`key:`, `key: ~`, `key: null`): the key is present but leaves the value to lower layers.
    case null
    /// A single value as written, quotes removed.
    case scalar(String)
    /// A YAML sequence of scalars, or a comma-separated environment or flag value read as a list.
    case list([String])
}
