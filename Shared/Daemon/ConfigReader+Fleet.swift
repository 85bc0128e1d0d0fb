import ConfigLoading
import WireProtocol

extension ConfigReader {
    /// An id in the device-id alphabet (`[A-Za-z0-9._-]{1,64}`) at `key`; required when `default` is nil.
    /// - Throws: `ConfigError` naming the key when missing or not a valid id.
    public mutating func identifier(_ key: String, default defaultValue: String? = nil) throws(ConfigError) -> DeviceID
    {
        let text = try string(key, default: defaultValue)
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
}
