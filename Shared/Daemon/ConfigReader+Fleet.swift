import ConfigLoading
import WireProtocol

extension ConfigReader {
    /// An id in the device-id alphabet (`[A-Za-z0-9._-]{1,64}`) at `key`; required when `default` is nil.
    /// - Throws: `ConfigError` naming the key when missing or not a valid id.
    public mutating func identifier(
        _ key: String,
        default defaultValue: String? = nil
    ) throws(ConfigError) -> DeviceID {
        try Self.identifier(key, try string(key, default: defaultValue))
    }

    /// Like `identifier(_:default:)`, but `nil` when no layer sets `key`.
    public mutating func optionalIdentifier(_ key: String) throws(ConfigError) -> DeviceID? {
        guard let text = try optionalString(key) else { return nil }
        return try Self.identifier(key, text)
    }

    /// The fleet topics under `fleet.topic_prefix` (default `fleet`).
    /// - Throws: `ConfigError` naming the key when the prefix is not a valid topic level.
    public mutating func fleetTopics() throws(ConfigError) -> Topics {
        let prefix = try string("fleet.topic_prefix", default: "fleet")
        do {
            return try Topics(prefix: prefix)
        } catch {
            throw ConfigError(
                code: .badValue,
                key: "fleet.topic_prefix",
                origin: nil,
                message: "fleet.topic_prefix: \(error)"
            )
        }
    }

    /// The interval of the retained-status heartbeat, `status.heartbeat` (default 30 s, from 1 s to a day).
    public mutating func statusHeartbeat() throws(ConfigError) -> Duration {
        try duration("status.heartbeat", default: .seconds(30), range: .seconds(1)...(.seconds(86_400)))
    }

    private static func identifier(_ key: String, _ text: String) throws(ConfigError) -> DeviceID {
        guard let id = DeviceID(validating: text) else {
            throw ConfigError(
                code: .badValue,
                key: key,
                origin: nil,
                message: "\(key): \"\(text)\" is not an id ([A-Za-z0-9._-], 1 to 64 characters)"
            )
        }
        return id
    }
}
