import CZlib
import TestSupport
import Testing
import ZlibCompression

/// A zlib stream of `copies` MiB of zeros, built without deflating all of it: one MiB is deflated once and ends in
/// a full flush (byte-aligned, no back references), so copies of it chain into one valid stream.
func zeroBomb(mebibytes copies: Int) -> [UInt8] {
    let zeros = [UInt8](repeating: 0, count: 1 << 20)
    // zlib checks that its z_stream never moves, so it lives at a fixed heap address.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
        deflateEnd(stream)
        stream.deallocate()
    }
    // Raw deflate (negative window bits): the zlib header and checksum are written by hand below.
    let size = Int32(MemoryLayout<z_stream>.size)
    #expect(deflateInit2_(stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size) == Z_OK)
    var block = [UInt8](repeating: 0, count: 64 * 1024)
    let produced = zeros.withUnsafeBytes { input in
        block.withUnsafeMutableBytes { output in
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            )
            stream.pointee.avail_in = UInt32(input.count)
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            #expect(deflate(stream, Z_FULL_FLUSH) == Z_OK)
            #expect(stream.pointee.avail_in == 0)
            return output.count - Int(stream.pointee.avail_out)
        }
    }
    let total = UInt64(copies) << 20
    // Adler-32 of n zero bytes: a stays 1, b = n mod 65521.
    let adler = UInt32(total % 65_521) << 16 | 1
    var bomb: [UInt8] = [0x78, 0xDA]
    bomb.reserveCapacity(2 + produced * copies + 6)
    for _ in 0..<copies { bomb += block[..<produced] }
    bomb += [0x03, 0x00]  // empty final block with fixed codes
    bomb += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
    return bomb
}

@Test func zeroBombConstructionIsAValidStream() throws {
    let bomb = zeroBomb(mebibytes: 3)
    #expect(try Zlib.decompress(bomb, maxOutputBytes: 3 << 20) == [UInt8](repeating: 0, count: 3 << 20))
}

@Test func gibibyteBombFailsAtTheLimit() {
    let bomb = zeroBomb(mebibytes: 1024)
    #expect(bomb.count < 2 << 20)
    #expect(
        zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(bomb, maxOutputBytes: 16 << 20) }
            == .outputTooLarge
    )
}

@Test func everyProperPrefixIsTruncated() throws {
    let stream = try Zlib.compress(Array("a small stream, a small stream, and some more text".utf8))
    for length in 0..<stream.count {
        let prefix = Array(stream[..<length])
        #expect(
            zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(prefix, maxOutputBytes: 1000) }
                == .truncated,
            "prefix of \(length) bytes"
        )
    }
}

@Test(arguments: [[UInt8]([0x00]), [0x78, 0x9C], Array("garbage".utf8)])
func bytesAfterTheStreamAreTrailingData(suffix: [UInt8]) throws {
    let stream = try Zlib.compress(Array("payload".utf8))
    #expect(
        zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(stream + suffix, maxOutputBytes: 100) }
            == .trailingData
    )
}

@Test func secondCompleteStreamIsTrailingData() throws {
    let stream = try Zlib.compress(Array("payload".utf8))
    #expect(
        zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(stream + stream, maxOutputBytes: 100) }
            == .trailingData
    )
}

@Test func everySingleBitFlipIsRejectedOrHarmless() throws {
    let original = Array("bit flips in the header, the blocks and the checksum are all caught".utf8)
    let stream = try Zlib.compress(original)
    var harmless = 0
    for bit in 0..<(stream.count * 8) {
        var flipped = stream
        flipped[bit / 8] ^= 1 << (bit % 8)
        do {
            // Only the padding bits after the last block's end code carry no meaning.
            #expect(try Zlib.decompress(flipped, maxOutputBytes: 1000) == original, "bit \(bit)")
            harmless += 1
        } catch {
            #expect(error.code != .internalFailure)
        }
    }
    #expect(harmless < 8)
}

@Test func checksumMismatchIsCorrupted() throws {
    var stream = try Zlib.compress(Array("checksum".utf8))
    stream[stream.count - 1] ^= 0xFF
    #expect(zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(stream, maxOutputBytes: 100) } == .corrupted)
}

@Test func presetDictionaryStreamIsCorrupted() {
    // python3 -c "import zlib; c = zlib.compressobj(level=9, zdict=b'edge fleet telemetry');
    //     print(list(c.compress(b'edge fleet telemetry edge') + c.flush()))"
    let needsDictionary: [UInt8] = [
        0x78, 0xf9, 0x4e, 0x4e, 0x07, 0xc1, 0x4b, 0xc5, 0x22, 0xa6, 0x00, 0x12, 0x04, 0x00, 0x79, 0xa6, 0x09, 0x76,
    ]
    #expect(
        zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(needsDictionary, maxOutputBytes: 100) }
            == .corrupted
    )
}

@Test func randomGarbageIsRejected() {
    var random = SplitMix64(seed: 42)
    var codes: [ZlibError.Code: Int] = [:]
    for _ in 0..<5_000 {
        let garbage = random.bytes(Int.random(in: 0...200, using: &random))
        let code = zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(garbage, maxOutputBytes: 4096) }
        #expect(code != nil, "garbage decoded: \(garbage)")
        codes[code ?? .internalFailure, default: 0] += 1
    }
    #expect(codes[.corrupted, default: 0] > 4_000)
}

@Test func randomGarbageAfterAValidHeaderIsRejected() {
    var random = SplitMix64(seed: 43)
    for _ in 0..<5_000 {
        let garbage = [0x78, 0x9C] + random.bytes(Int.random(in: 0...200, using: &random))
        let code = zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(garbage, maxOutputBytes: 4096) }
        #expect(code != nil && code != .internalFailure, "garbage gave \(String(describing: code))")
    }
}

@Test(arguments: [Int32(-2), 10, 100, .min])
func levelOutsideRangeIsInvalidArgument(level: Int32) {
    #expect(zlibErrorCode { () throws(ZlibError) in try Zlib.compress([1, 2, 3], level: level) } == .invalidArgument)
}

@Test func negativeLimitIsInvalidArgument() throws {
    let stream = try Zlib.compress([1, 2, 3])
    #expect(
        zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(stream, maxOutputBytes: -1) }
            == .invalidArgument
    )
}
