import ZlibCompression

/// zlib for building hand-made artifact files in tests.
enum ZlibFacade {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        try Zlib.compress(bytes)
    }
}
