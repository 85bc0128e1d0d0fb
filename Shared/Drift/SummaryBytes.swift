/// Little-endian writer for the summary codec: fixed-width doubles and LEB128 variable-length unsigned integers.
struct SummaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func write(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag-encoded signed integer.
    mutating func writeSigned(_ value: Int) {
        let wide = Int64(value)
        writeVarint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }
}

/// Bounds-checked reader of untrusted summary bytes; every read throws `.truncated` past the end and varints longer
/// than 10 bytes throw `.malformed`.
struct SummaryReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func readByte(_ field: String) throws(DriftError) -> UInt8 {
        guard offset < bytes.count else { throw DriftError(.truncated, "summary.\(field): no bytes left") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16(_ field: String) throws(DriftError) -> UInt16 {
        let low = UInt16(try readByte(field))
        return low | UInt16(try readByte(field)) << 8
    }

    mutating func readDouble(_ field: String) throws(DriftError) -> Double {
        guard remaining >= 8 else { throw DriftError(.truncated, "summary.\(field): needs 8 bytes, \(remaining) left") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func readVarint(_ field: String) throws(DriftError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<10 {
            let byte = try readByte(field)
            if index == 9, byte > 1 { throw DriftError(.malformed, "summary.\(field): varint overflows 64 bits") }
            value |= UInt64(byte & 0x7F) << UInt64(7 * index)
            if byte & 0x80 == 0 { return value }
        }
        throw DriftError(.malformed, "summary.\(field): varint longer than 10 bytes")
    }

    mutating func readSigned(_ field: String) throws(DriftError) -> Int {
        let raw = try readVarint(field)
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let narrow = Int(exactly: value), abs(narrow) <= 1 << 40 else {
            throw DriftError(.malformed, "summary.\(field): \(value) out of range")
        }
        return narrow
    }

    func requireEnd() throws(DriftError) {
        guard remaining == 0 else { throw DriftError(.malformed, "summary: \(remaining) bytes after the end") }
    }
}
