/// Builds and parses the MQTT topics of DESIGN.md under a configurable prefix.
///
/// Device topics are `{prefix}/{device}/{kind}` (see ``DeviceTopic``), the fleet-wide round is `{prefix}/fl/round`,
/// sensor data is `{sensorsPrefix}/{device}/{sensor}`. A device named `fl` is fine: no device topic ends in `round`.
public struct Topics: Sendable, Hashable {
    /// The fleet prefix, default `fleet`.
    public let prefix: String
    /// The sensor-data prefix, default `sensors`.
    public let sensorsPrefix: String

    /// The default layout: `fleet/…` and `sensors/…`.
    public init() {
        prefix = "fleet"
        sensorsPrefix = "sensors"
    }

    /// A layout with other prefixes; each is one or more `/`-separated levels of `[A-Za-z0-9._-]{1,64}`.
    ///
    /// - Throws: `.invalidField` for an empty level, a wildcard or other character, or prefixes where one is the
    ///   other or starts with it, which would make topics ambiguous.
    public init(prefix: String, sensorsPrefix: String = "sensors") throws(WireError) {
        for (name, value) in [("prefix", prefix), ("sensorsPrefix", sensorsPrefix)] {
            let levels = value.split(separator: "/", omittingEmptySubsequences: false)
            guard levels.allSatisfy({ FieldRules.isIdentifier(String($0)) }) else {
                throw WireError(.invalidField, "Topics.\(name): \"\(value)\" is not levels of [A-Za-z0-9._-]{1,64}")
            }
        }
        guard prefix != sensorsPrefix, !prefix.hasPrefix(sensorsPrefix + "/"), !sensorsPrefix.hasPrefix(prefix + "/")
        else {
            throw WireError(.invalidField, "Topics: prefixes \"\(prefix)\" and \"\(sensorsPrefix)\" overlap")
        }
        self.prefix = prefix
        self.sensorsPrefix = sensorsPrefix
    }

    /// `{prefix}/{device}/{kind}`.
    public func topic(_ kind: DeviceTopic, for device: DeviceID) -> String {
        "\(prefix)/\(device.rawValue)/\(kind.rawValue)"
    }

    /// `{sensorsPrefix}/{device}/{sensor}`.
    ///
    /// - Throws: `.invalidField` unless `sensor` is 1...64 of `[A-Za-z0-9._-]`.
    public func sensor(_ sensor: String, of device: DeviceID) throws(WireError) -> String {
        try FieldRules.identifier(sensor, "Topics.sensor")
        return "\(sensorsPrefix)/\(device.rawValue)/\(sensor)"
    }

    /// `{prefix}/fl/round`, the retained announcement of the current federated round.
    public var flRound: String { "\(prefix)/fl/round" }

    /// `{prefix}/+/{kind}`: the kind for every device.
    public func filter(_ kind: DeviceTopic) -> String {
        "\(prefix)/+/\(kind.rawValue)"
    }

    /// The filters the hub subscribes to: every device-to-hub kind for every device.
    public var hubFilters: [String] {
        DeviceTopic.allCases.filter(\.isFromDevice).map(filter)
    }

    /// The topics a device subscribes to: its hub-to-device kinds and the federated round.
    public func deviceSubscriptions(for device: DeviceID) -> [String] {
        DeviceTopic.allCases.filter { !$0.isFromDevice }.map { topic($0, for: device) } + [flRound]
    }

    /// `{sensorsPrefix}/{device}/+`: every sensor of one device.
    public func sensorFilter(for device: DeviceID) -> String {
        "\(sensorsPrefix)/\(device.rawValue)/+"
    }

    /// Recognises an incoming topic; nil for anything else, including invalid device or sensor names.
    public func parse(_ topic: String) -> ParsedTopic? {
        if let rest = levels(of: topic, after: sensorsPrefix) {
            guard rest.count == 2, let device = DeviceID(validating: rest[0]), FieldRules.isIdentifier(rest[1])
            else { return nil }
            return .sensor(device: device, sensor: rest[1])
        }
        guard let rest = levels(of: topic, after: prefix), rest.count >= 2 else { return nil }
        if rest == ["fl", "round"] { return .flRound }
        guard let device = DeviceID(validating: rest[0]),
            let kind = DeviceTopic(rawValue: rest[1...].joined(separator: "/"))
        else { return nil }
        return .device(device, kind)
    }

    private func levels(of topic: String, after prefix: String) -> [String]? {
        guard topic.hasPrefix(prefix + "/") else { return nil }
        return topic.dropFirst(prefix.count + 1).split(separator: "/", omittingEmptySubsequences: false).map(
            String.init
        )
    }
}
