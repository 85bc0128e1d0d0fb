/// A message with one byte encoding on the wire and a decoder that rejects anything not valid.
public protocol WireMessage: Sendable, Equatable {
    /// The most bytes ``decode(_:)`` accepts; larger input is rejected as `.oversized` before any parsing.
    static var maxEncodedBytes: Int { get }

    /// The bytes to publish. Values are validated when they are made, so encoding cannot fail.
    func encode() -> [UInt8]

    /// Parses and validates `bytes`.
    ///
    /// - Throws: `WireError`, never anything else, and never traps, whatever the bytes.
    static func decode(_ bytes: [UInt8]) throws(WireError) -> Self
}

/// The schema version every message of this build writes and the only one it reads.
public let wireSchemaVersion = 1
