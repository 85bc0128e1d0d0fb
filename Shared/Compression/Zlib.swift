/// zlib-format (RFC 1950) compression and bounded decompression on top of the system zlib.
///
/// The output is what Python's `zlib.compress` and `zlib.decompress` read and write. Decompression never grows its
/// output past the caller's limit, so a small hostile input cannot make it allocate gigabytes.
public enum Zlib {
    /// The largest piece of input or output handed to zlib in one call: its counters are 32-bit.
    static let maxChunkBytes = Int(UInt32.max)

    /// Compresses `input` into one complete zlib stream.
    ///
    /// - Parameter level: zlib level, 0 (store) ... 9 (smallest); -1 means zlib's default (6).
    /// - Throws: `.invalidArgument` for a level outside -1...9, `.outOfMemory` if zlib cannot allocate its state.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws(ZlibError) -> [UInt8] {
        try input.withUnsafeBytes { raw in Result { () throws(ZlibError) in try compress(raw, level: level) } }.get()
    }

    /// Compresses any byte collection; the same as the `[UInt8]` overload, without a copy for contiguous storage.
    @inlinable
    public static func compress(_ input: some Collection<UInt8>, level: Int32 = 6) throws(ZlibError) -> [UInt8] {
        let contiguous = input.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ZlibError) in try compress(UnsafeRawBufferPointer(buffer), level: level) }
        }
        if let contiguous { return try contiguous.get() }
        return try compress(Array(input), level: level)
    }

    /// Decompresses one complete zlib stream, producing at most `maxOutputBytes` bytes.
    ///
    /// - Throws: `.outputTooLarge` as soon as the output would pass `maxOutputBytes` (memory stays bounded by the
    ///   limit), `.truncated` when the input ends early (empty input included), `.corrupted` for a bad header,
    ///   block or checksum, `.trailingData` when bytes follow the stream, `.invalidArgument` for a negative limit.
    public static func decompress(_ input: [UInt8], maxOutputBytes: Int) throws(ZlibError) -> [UInt8] {
        try input.withUnsafeBytes { raw in
            Result { () throws(ZlibError) in try decompress(raw, maxOutputBytes: maxOutputBytes) }
        }.get()
    }

    /// Decompresses any byte collection; the same as the `[UInt8]` overload, without a copy for contiguous storage.
    @inlinable
    public static func decompress(_ input: some Collection<UInt8>, maxOutputBytes: Int) throws(ZlibError) -> [UInt8] {
        let contiguous = input.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ZlibError) in
                try decompress(UnsafeRawBufferPointer(buffer), maxOutputBytes: maxOutputBytes)
            }
        }
        if let contiguous { return try contiguous.get() }
        return try decompress(Array(input), maxOutputBytes: maxOutputBytes)
    }
}
