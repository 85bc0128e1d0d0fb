/// Strict little-endian reads over an encoded update: every read checks the bytes left and throws `.truncated`
/// naming what was being read.
struct ByteCursor {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Bytes not yet read.
    var remaining: Int { bytes.count - offset }

    /// Throws `.truncated` unless `count` more bytes are there.
    func require(_ count: Int, for what: String) throws(UpdateCodecError) {
        guard count >= 0, count <= remaining else {
            throw UpdateCodecError(.truncated, "\(what): needs \(count) bytes at offset \(offset), \(remaining) left")
        }
    }

    /// The next `count` bytes.
    mutating func take(_ count: Int, for what: String) throws(UpdateCodecError) -> ArraySlice<UInt8> {
        try require(count, for: what)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// The next little-endian integer.
    mutating func read<Value: FixedWidthInteger>(_: Value.Type, for what: String) throws(UpdateCodecError) -> Value {
        let slice = try take(MemoryLayout<Value>.size, for: what)
        return slice.reversed().reduce(Value.zero) { ($0 << 8) | Value($1) }
    }

    /// The next little-endian float32.
    mutating func readFloat(for what: String) throws(UpdateCodecError) -> Float {
        Float(bitPattern: try read(UInt32.self, for: what))
    }
}

extension ByteCursor {
    /// The next `count` little-endian u32s, bounds checked once.
    mutating func readUInt32s(_ count: Int, for what: String) throws(UpdateCodecError) -> [UInt32] {
        let (length, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow else { throw UpdateCodecError(.truncated, "\(what): \(count) values cannot be there") }
        let slice = try take(length, for: what)
        return slice.withUnsafeBytes { raw in
            (0..<count).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }
}
