/// A device id: 1...64 bytes of `[A-Za-z0-9._-]`, so it is always a single safe MQTT topic level (never `+ # /`).
///
/// Encoded in JSON as a plain string; decoding an invalid one fails.
public struct DeviceID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The validated id.
    public let rawValue: String

    /// Validates `rawValue`.
    ///
    /// - Throws: `.invalidField` if it is empty, longer than 64 bytes or has a byte outside `[A-Za-z0-9._-]`.
    public init(_ rawValue: String) throws(WireError) {
        try self.init(rawValue, field: "DeviceID")
    }

    /// Validates `rawValue`, naming `field` in the error.
    init(_ rawValue: String, field: @autoclosure () -> String) throws(WireError) {
        try FieldRules.identifier(rawValue, field())
        self.rawValue = rawValue
    }

    /// Validates `rawValue`, returning nil where ``init(_:)`` throws.
    public init?(validating rawValue: String) {
        guard FieldRules.isIdentifier(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Decodes a plain string and validates it; an invalid id throws `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(try container.decode(String.self))
    }

    /// Encodes the raw id as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Orders by the raw id.
    public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A one-line form for logs.
    public var description: String { rawValue }
}
