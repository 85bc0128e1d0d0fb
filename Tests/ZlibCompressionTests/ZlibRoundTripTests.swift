import TestSupport
import Testing
import ZlibCompression

/// Inputs whose round trip is checked at every level.
enum RoundTripInput: String, CaseIterable, CustomTestStringConvertible {
    case empty
    case oneByte
    case randomMebibyte
    case repetitiveMebibyte

    var bytes: [UInt8] {
        switch self {
        case .empty: return []
        case .oneByte: return [0x5A]
        case .randomMebibyte: return Self.random
        case .repetitiveMebibyte: return Self.repetitive
        }
    }

    private static let random: [UInt8] = {
        var generator = SplitMix64(seed: 1)
        return generator.bytes(1 << 20)
    }()

    private static let repetitive: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251 < 200 ? 7 : $0) }

    var testDescription: String { rawValue }
}

@Test(arguments: RoundTripInput.allCases)
func roundTripRestoresInput(input: RoundTripInput) throws {
    let original = input.bytes
    let compressed = try Zlib.compress(original)
    let restored = try Zlib.decompress(compressed, maxOutputBytes: original.count)
    #expect(restored == original)
}

@Test(arguments: [Int32(-1), 0, 1, 6, 9])
func roundTripRestoresInputAtEveryLevel(level: Int32) throws {
    var random = SplitMix64(seed: 3)
    let original = random.bytes(20_000) + [UInt8](repeating: 9, count: 40_000)
    let compressed = try Zlib.compress(original, level: level)
    #expect(try Zlib.decompress(compressed, maxOutputBytes: original.count) == original)
}

@Test func repetitiveInputShrinks() throws {
    let original = RoundTripInput.repetitiveMebibyte.bytes
    let compressed = try Zlib.compress(original)
    #expect(compressed.count < original.count / 20)
}

@Test func collectionAndRawBufferOverloadsAgreeWithArray() throws {
    var random = SplitMix64(seed: 2)
    let original = random.bytes(10_000) + [UInt8](repeating: 3, count: 10_000)
    let fromArray = try Zlib.compress(original)
    let fromSlice = try Zlib.compress(original[...])
    let fromRaw = try original.withUnsafeBytes { raw throws(ZlibError) in try Zlib.compress(raw) }
    let fromRange = try Zlib.compress((0..<200).map { UInt8($0) }.lazy.map { $0 })
    #expect(fromSlice == fromArray)
    #expect(fromRaw == fromArray)
    #expect(try Zlib.decompress(fromArray[...], maxOutputBytes: 20_000) == original)
    #expect(try Zlib.decompress(fromRange, maxOutputBytes: 200) == (0..<200).map { UInt8($0) })
}

@Test func decodesStreamMadeByPython() throws {
    // python3 -c "import zlib; print(list(zlib.compress(
    //     b'edge fleet telemetry, edge fleet telemetry, edge fleet telemetry!', 9)))"   (zlib 1.2.13)
    let fromPython: [UInt8] = [
        0x78, 0xda, 0x4b, 0x4d, 0x49, 0x4f, 0x55, 0x48, 0xcb, 0x49, 0x4d, 0x2d, 0x51, 0x28, 0x49, 0xcd, 0x49,
        0xcd, 0x4d, 0x2d, 0x29, 0xaa, 0xd4, 0x51, 0x48, 0x25, 0x5a, 0x54, 0x11, 0x00, 0x15, 0xed, 0x17, 0xfa,
    ]
    let expected = Array("edge fleet telemetry, edge fleet telemetry, edge fleet telemetry!".utf8)
    #expect(try Zlib.decompress(fromPython, maxOutputBytes: 1000) == expected)
}

@Test(arguments: [0, 1, 65_535, 65_536, 65_537, 200_000])
func limitEqualToSizeSucceedsAndOneLessFails(size: Int) throws {
    var random = SplitMix64(seed: UInt64(size))
    let original = random.bytes(size)
    let compressed = try Zlib.compress(original)
    #expect(try Zlib.decompress(compressed, maxOutputBytes: size) == original)
    if size > 0 {
        #expect(
            zlibErrorCode { () throws(ZlibError) in try Zlib.decompress(compressed, maxOutputBytes: size - 1) }
                == .outputTooLarge
        )
    }
}
