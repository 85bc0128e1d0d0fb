/// Reads little-endian fields from a byte buffer, never past its end: a short buffer is a `.truncated` error
/// naming the field.
struct ByteCursor {
    private let bytes: [UInt8]
    private(set) var offset = 0
    private let path: String
    private let place: String

    /// A cursor at the start of `bytes`; `place` (for example `block 2`) prefixes every error.
    init(_ bytes: [UInt8], path: String, place: String) {
        self.bytes = bytes
        self.path = path
        self.place = place
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    /// The next fixed-width integer.
    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: String) throws(DatasetError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, field)
        var value = T.zero
        for index in 0..<size { value |= T(bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }

    /// The next `count` bytes.
    mutating func readBytes(_ count: Int, _ field: String) throws(DatasetError) -> ArraySlice<UInt8> {
        try require(count, field)
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A name of up to ``LabelledWindow/maxNameBytes`` bytes behind a one-byte length.
    mutating func readName(_ field: String) throws(DatasetError) -> String {
        let length = Int(try read(UInt8.self, "\(field) length"))
        guard length <= LabelledWindow.maxNameBytes else {
            throw DatasetError(.invalidRecord, path: path, "\(place): \(field) is \(length) bytes")
        }
        guard let name = String(validating: try readBytes(length, field), as: UTF8.self) else {
            throw DatasetError(.invalidRecord, path: path, "\(place): \(field) is not UTF-8")
        }
        return name
    }

    private func require(_ count: Int, _ field: String) throws(DatasetError) {
        guard count <= remaining else {
            throw DatasetError(.truncated, path: path, "\(place): \(field) needs \(count) bytes, \(remaining) left")
        }
    }
}
