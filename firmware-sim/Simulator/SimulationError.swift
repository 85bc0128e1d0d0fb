/// Why the simulator refused a setting or stopped: a stable ``Code`` and the setting or context concerned.
public struct SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A setting is out of range or inconsistent with another (for example 0 devices, a negative rate).
        case invalidSetting
        /// The MQTT client refused a message for good (it was closed or the message was invalid).
        case publishFailed
        /// A dataset file could not be written.
        case exportFailed
    }

    /// What went wrong.
    public let code: Code
    /// The setting concerned, as its command-line option is named without dashes (`devices`, `rate`), if any.
    public let setting: String?
    /// What was wrong, e.g. `-5.0 Hz is not a positive rate`.
    public let context: String

    /// Creates an error with its code, the setting concerned and an explanation.
    public init(_ code: Code, setting: String? = nil, _ context: String) {
        self.code = code
        self.setting = setting
        self.context = context
    }

    /// A one-line form for users and logs, naming the option: `--rate: -5.0 Hz is not a positive rate`.
    public var description: String {
        guard let setting else { return "simulation \(code.rawValue): \(context)" }
        return "--\(setting): \(context)"
    }
}
