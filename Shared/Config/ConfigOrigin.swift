/// Where a configuration value came from, in precedence order from lowest to highest.
public enum ConfigOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The default the program passed to the getter.
    case builtInDefault
    /// A YAML document: its file path (or the name given to a string source) and the 1-based line, if known.
    case document(name: String, line: Int?)
    /// The environment variable of that name.
    case environment(variable: String)
    /// A `--set key=value` flag for that key.
    case flag(key: String)

    /// `default`, `edge.yaml:4`, `environment EDGE_MQTT_PORT` or `flag --set mqtt.port`.
    public var description: String {
        switch self {
        case .builtInDefault:
            return "default"
        case .document(let name, let line?):
            return "\(name):\(line)"
        case .document(let name, nil):
            return name
        case .environment(let variable):
            return "environment \(variable)"
        case .flag(let key):
            return "flag --set \(key)"
        }
    }
}
