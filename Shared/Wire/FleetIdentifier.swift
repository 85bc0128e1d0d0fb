/// The rule every name in the fleet follows (device ids, model names, aliases, sensor and axis names): 1...64 bytes
/// of `[A-Za-z0-9._-]`, safe in an MQTT topic level and a file name.
public enum FleetIdentifier {
    /// Whether `text` follows the rule.
    public static func isValid(_ text: String) -> Bool {
        FieldRules.isIdentifier(text)
    }
}
