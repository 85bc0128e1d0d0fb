/// Reads little-endian fields from untrusted bytes; every read is bounds-checked and throws `.truncated`.
///
/// Lengths read from the bytes are checked against the bytes left before anything is allocated from them.
struct WireReader {
    private let bytes: [UInt8]
    private(set) var offset: Int
    /// Names the message in error contexts.
    let message: String

    init(_ bytes: [UInt8], message: String) {
        self.bytes = bytes
        self.offset = 0
        self.message = message
    }

    /// A reader past the header every binary message starts with: `magic`, then the schema version `u8`.
    ///
    /// - Throws: `.oversized` for more than `maxBytes` (before anything else), `.badMagic`, `.truncated`,
    ///   `.unsupportedVersion` for a version other than 1.
    init(_ bytes: [UInt8], magic: [UInt8], maxBytes: Int, message: String) throws(WireError) {
        guard bytes.count <= maxBytes else {
            throw WireError(.oversized, "\(message): \(bytes.count) bytes, more than \(maxBytes)")
        }
        guard magic.starts(with: bytes.prefix(magic.count)) else {
            throw WireError(.badMagic, "\(message): does not start with \(String(decoding: magic, as: UTF8.self))")
        }
        self.init(bytes, message: message)
        _ = try readBytes(magic.count, "magic")
        let version = try read(UInt8.self, "v")
        guard version == wireSchemaVersion else {
            throw WireError(.unsupportedVersion, "\(message).v: version \(version), this build reads 1")
        }
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    /// Throws `.truncated` unless `count` more bytes are present.
    func require(_ count: Int, _ field: @autoclosure () -> String) throws(WireError) {
        guard count <= remaining else {
            throw WireError(.truncated, "\(message).\(field()): needs \(count) bytes, \(remaining) left")
        }
    }

    /// Throws `.malformed` if bytes are left over.
    func requireEnd() throws(WireError) {
        guard remaining == 0 else {
            throw WireError(.malformed, "\(message): \(remaining) bytes after the end of the message")
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: @autoclosure () -> String) throws(WireError) -> T {
        try require(MemoryLayout<T>.size, field())
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func read(_: Float.Type, _ field: @autoclosure () -> String) throws(WireError) -> Float {
        Float(bitPattern: try read(UInt32.self, field()))
    }

    mutating func read(_: Double.Type, _ field: @autoclosure () -> String) throws(WireError) -> Double {
        Double(bitPattern: try read(UInt64.self, field()))
    }

    /// Reads `count` raw bytes.
    mutating func readBytes(_ count: Int, _ field: @autoclosure () -> String) throws(WireError) -> ArraySlice<UInt8> {
        try require(count, field())
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// Reads a string prefixed by its byte length (`u8` or `u16`), refusing more than `maxBytes` and bad UTF-8.
    mutating func readString<Length: FixedWidthInteger & UnsignedInteger>(
        lengthAs _: Length.Type,
        maxBytes: Int,
        _ field: @autoclosure () -> String
    ) throws(WireError) -> String {
        let length = Int(try read(Length.self, field()))
        guard length <= maxBytes else {
            throw WireError(.invalidField, "\(message).\(field()): length \(length) is more than \(maxBytes)")
        }
        let raw = try readBytes(length, field())
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw WireError(.invalidField, "\(message).\(field()): not valid UTF-8")
        }
        return text
    }

    /// Reads `count` little-endian float32 values in one copy.
    mutating func readFloats(_ count: Int, _ field: @autoclosure () -> String) throws(WireError) -> [Float] {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !overflow else { throw WireError(.oversized, "\(message).\(field()): \(count) values") }
        try require(byteCount, field())
        let start = offset
        offset += byteCount
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                let source = UnsafeRawBufferPointer(rebasing: raw[start..<start + byteCount])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                for index in 0..<count {
                    let bits = source.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                #endif
                initialized = count
            }
        }
    }
}
