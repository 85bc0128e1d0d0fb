/// Writes little-endian fields into a growing byte array; the counterpart of ``WireReader``.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer that starts with the header of a binary message: `magic`, then the schema version as a u8 (what
    /// ``WireReader/init(_:magic:maxBytes:message:)`` checks).
    init(magic: [UInt8], capacity: Int) {
        self.init(capacity: capacity)
        write(bytes: magic)
        write(UInt8(wireSchemaVersion))
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Float) {
        write(value.bitPattern)
    }

    mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    mutating func write(bytes more: some Collection<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// Writes the string's UTF-8 length as `Length`, then its bytes; the caller has checked that it fits.
    mutating func writeString<Length: FixedWidthInteger & UnsignedInteger>(_ text: String, lengthAs _: Length.Type) {
        write(Length(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes float32 values in one copy.
    mutating func write(floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in floats { write(value.bitPattern) }
        #endif
    }
}
