internal import CZlib

/// Owns one heap-allocated `z_stream` for one deflate or inflate run.
///
/// zlib's internal state points back at its `z_stream` and refuses calls once that address changes, so the stream
/// lives at a fixed heap address instead of in a Swift value that the compiler may move.
struct ZStream: ~Copyable {
    enum Direction {
        case deflate
        case inflate
    }

    let pointer: UnsafeMutablePointer<z_stream>
    private let direction: Direction

    private init(pointer: UnsafeMutablePointer<z_stream>, direction: Direction) {
        self.pointer = pointer
        self.direction = direction
    }

    /// Opens a zlib-format (RFC 1950) compressor at `level` (-1 for zlib's default, 0...9).
    static func deflating(level: Int32) throws(ZlibError) -> ZStream {
        let pointer = allocate()
        let status = deflateInit_(pointer, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        return try opened(pointer, .deflate, status)
    }

    /// Opens a zlib-format (RFC 1950) decompressor.
    static func inflating() throws(ZlibError) -> ZStream {
        let pointer = allocate()
        let status = inflateInit_(pointer, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        return try opened(pointer, .inflate, status)
    }

    private static func allocate() -> UnsafeMutablePointer<z_stream> {
        let pointer = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        // Null allocator fields make zlib use malloc/free.
        pointer.initialize(to: z_stream())
        return pointer
    }

    private static func opened(
        _ pointer: UnsafeMutablePointer<z_stream>,
        _ direction: Direction,
        _ status: Int32
    ) throws(ZlibError) -> ZStream {
        guard status == Z_OK else {
            let error = ZStream.error(for: status, pointer.pointee)
            pointer.deinitialize(count: 1)
            pointer.deallocate()
            throw error
        }
        return ZStream(pointer: pointer, direction: direction)
    }

    /// Input bytes zlib has not consumed yet.
    var availableInput: Int { Int(pointer.pointee.avail_in) }

    /// Points zlib at the next piece of input; `bytes` must outlive the calls that consume it.
    func setInput(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= Int(UInt32.max))
        let start = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
        // zlib declares next_in as non-const but never writes through it.
        pointer.pointee.next_in = start.map { UnsafeMutablePointer(mutating: $0) }
        pointer.pointee.avail_in = UInt32(bytes.count)
    }

    /// Points zlib at the output space it may fill; returns nothing, read `availableOutput` afterwards.
    func setOutput(_ bytes: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count <= Int(UInt32.max))
        pointer.pointee.next_out = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
        pointer.pointee.avail_out = UInt32(bytes.count)
    }

    /// Output space zlib has not filled yet.
    var availableOutput: Int { Int(pointer.pointee.avail_out) }

    /// Maps a zlib status that is not success to a typed error, with zlib's own message when it gave one.
    static func error(for status: Int32, _ stream: z_stream) -> ZlibError {
        let detail = stream.msg.map { String(cString: $0) } ?? "status \(status)"
        switch status {
        case Z_DATA_ERROR: return ZlibError(.corrupted, detail)
        case Z_NEED_DICT: return ZlibError(.corrupted, "stream needs a preset dictionary")
        case Z_MEM_ERROR: return ZlibError(.outOfMemory, detail)
        case Z_STREAM_ERROR: return ZlibError(.invalidArgument, detail)
        default: return ZlibError(.internalFailure, detail)
        }
    }

    deinit {
        switch direction {
        case .deflate: deflateEnd(pointer)
        case .inflate: inflateEnd(pointer)
        }
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
