/// The value rules shared by messages, each throwing `.invalidField` with `field` in the context.
enum FieldRules {
    /// Most entries a string map (event fields, config, command args) may have.
    static let maxMapEntries = 64
    /// Longest key of a string map, in UTF-8 bytes.
    static let maxMapKeyBytes = 128
    /// Longest value of a string map or short text, in UTF-8 bytes.
    static let maxTextBytes = 1024
    /// Longest free text (event message), in UTF-8 bytes.
    static let maxMessageBytes = 4096
    /// Longest identifier (device id, model name, sensor or axis name), in bytes.
    static let maxIdentifierBytes = 64

    /// True for the bytes of `[A-Za-z0-9._-]`, the characters safe in an MQTT topic level and a file name.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// True when `text` is 1...64 bytes of `[A-Za-z0-9._-]`.
    static func isIdentifier(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard isIdentifierByte(byte) else { return false }
            count += 1
        }
        return (1...maxIdentifierBytes).contains(count)
    }

    /// Requires 1...64 bytes of `[A-Za-z0-9._-]`.
    static func identifier(_ text: String, _ field: @autoclosure () -> String) throws(WireError) {
        guard isIdentifier(text) else {
            // Quoted with escapes: the text is untrusted and ends up in logs.
            let shown = String(reflecting: String(text.prefix(80)))
            throw WireError(.invalidField, "\(field()): \(shown) is not 1...64 of [A-Za-z0-9._-]")
        }
    }

    /// Requires at most `maxBytes` UTF-8 bytes, and at least one unless `allowEmpty`.
    static func text(
        _ text: String,
        _ field: @autoclosure () -> String,
        maxBytes: Int = maxTextBytes,
        allowEmpty: Bool = false
    ) throws(WireError) {
        let count = text.utf8.count
        guard count <= maxBytes else {
            throw WireError(.invalidField, "\(field()): \(count) bytes, more than \(maxBytes)")
        }
        guard allowEmpty || count > 0 else { throw WireError(.invalidField, "\(field()): empty") }
    }

    /// Requires 1...64 UTF-8 bytes with no control characters (command ids).
    static func printable(_ text: String, _ field: @autoclosure () -> String) throws(WireError) {
        try FieldRules.text(text, field(), maxBytes: maxIdentifierBytes)
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw WireError(.invalidField, "\(field()): contains a control character")
        }
    }

    /// Requires at most 64 entries, keys of 1...128 bytes and values of at most 1024 bytes.
    static func map(_ map: [String: String], _ field: @autoclosure () -> String) throws(WireError) {
        guard map.count <= maxMapEntries else {
            throw WireError(.invalidField, "\(field()): \(map.count) entries, more than \(maxMapEntries)")
        }
        for (key, value) in map {
            try text(key, "\(field()) key", maxBytes: maxMapKeyBytes)
            try text(value, "\(field())[\(key)]", allowEmpty: true)
        }
    }

    /// Requires a timestamp in unix milliseconds that is not negative.
    static func timestamp(_ ts: Int64, _ field: @autoclosure () -> String) throws(WireError) {
        guard ts >= 0 else { throw WireError(.invalidField, "\(field()): \(ts) is before 1970") }
    }

    /// Requires a finite number.
    static func finite(_ value: some BinaryFloatingPoint, _ field: @autoclosure () -> String) throws(WireError) {
        guard value.isFinite else { throw WireError(.invalidField, "\(field()): \(value) is not finite") }
    }
}
