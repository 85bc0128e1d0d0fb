#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables that may override config keys: those named `PREFIX_…`.
///
/// Key `mqtt.session_expiry` with prefix `EDGE` is variable `EDGE_MQTT_SESSION_EXPIRY`: dots and dashes become
/// underscores and letters are uppercased. Every variable with the prefix must match a key the program reads,
/// or `ConfigReader.finish()` reports it.
public struct ConfigEnvironment: Sendable {
    /// The prefix without its trailing underscore, for example `EDGE`.
    public let prefix: String
    /// The variables whose names start with `prefix` and an underscore; all others are dropped.
    public let variables: [String: String]

    /// Keeps the variables of `variables` that start with `prefix` followed by `_`.
    ///
    /// Tests pass a dictionary here; daemons use `current(prefix:)`.
    public init(prefix: String, variables: [String: String]) {
        self.prefix = prefix
        let start = "\(prefix)_"
        self.variables = variables.filter { $0.key.hasPrefix(start) }
    }

    /// The variables of this process's environment that start with `prefix` followed by `_`.
    public static func current(prefix: String) -> ConfigEnvironment {
        ConfigEnvironment(prefix: prefix, variables: processVariables())
    }

    /// The name of the variable that overrides `key`, for example `EDGE_MQTT_PORT` for `mqtt.port`.
    public func variableName(for key: String) -> String {
        let mapped = key.uppercased().map { $0 == "." || $0 == "-" ? "_" : $0 }
        return "\(prefix)_\(String(mapped))"
    }

    private static func processVariables() -> [String: String] {
        #if canImport(Darwin)
        let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = _NSGetEnviron().pointee
        #else
        let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        #endif
        var variables: [String: String] = [:]
        var index = 0
        while let entry = table?[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        return variables
    }
}
