import FoundationEssentials

/// The JSON path shared by the JSON messages: size and shape checks before parsing, typed errors after.
enum JSONWire {
    /// Encodes with sorted keys so the same value always gives the same bytes.
    ///
    /// The messages hold only validated strings and integers, which JSONEncoder always encodes.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            preconditionFailure("JSONEncoder failed on a validated \(type(of: value)): \(error)")
        }
    }

    /// Decodes `bytes` as `T`, mapping every failure to a `WireError`.
    ///
    /// Order of checks: size (`.oversized`), the text ending inside an object, array or string (`.truncated`),
    /// then JSONDecoder; errors thrown by `T`'s own validation pass through unchanged.
    static func decode<T: Decodable>(
        _: T.Type,
        from bytes: [UInt8],
        maxBytes: Int,
        message: String
    ) throws(WireError) -> T {
        guard bytes.count <= maxBytes else {
            throw WireError(.oversized, "\(message): \(bytes.count) bytes, more than \(maxBytes)")
        }
        try checkShape(bytes, message: message)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as WireError {
            throw error
        } catch let error as DecodingError {
            throw wireError(error, message: message)
        } catch {
            throw WireError(.malformed, "\(message): \(error)")
        }
    }

    /// Rejects input that is empty, is not an object, or ends before its top-level object closes.
    ///
    /// JSONDecoder reports all of these as "not valid JSON"; a separate cheap scan tells truncation apart.
    private static func checkShape(_ bytes: [UInt8], message: String) throws(WireError) {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }) else {
            throw WireError(.truncated, "\(message): no JSON text")
        }
        guard bytes[first] == UInt8(ascii: "{") else {
            throw WireError(.malformed, "\(message): not a JSON object")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes[first...] {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
        throw WireError(.truncated, "\(message): JSON text ends inside the object")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func wireError(_ error: DecodingError, message: String) -> WireError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return WireError(.malformed, "\(message)\(path(context.codingPath + [key])): missing")
        case .valueNotFound(_, let context):
            return WireError(.malformed, "\(message)\(path(context.codingPath)): null")
        case .typeMismatch(let type, let context):
            return WireError(.malformed, "\(message)\(path(context.codingPath)): not a \(type)")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // JSONDecoder reports numbers beyond their type's range here too, without naming them.
            return WireError(.malformed, "\(message): not valid JSON or a number out of range")
        case .dataCorrupted(let context):
            return WireError(.invalidField, "\(message)\(path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return WireError(.malformed, "\(message): \(error)")
        }
    }
}
