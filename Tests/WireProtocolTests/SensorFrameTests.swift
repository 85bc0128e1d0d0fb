import Testing
import WireProtocol

@Test(arguments: Fixtures.frames)
func sensorFrameRoundTripsInBothForms(frame: SensorFrame) throws {
    #expect(try SensorFrame.decodeBinary(frame.encode()) == frame)
    #expect(try SensorFrame.decodeJSON(frame.encodeJSON()) == frame)
    #expect(try SensorFrame.decode(frame.encode()) == frame)
    #expect(try SensorFrame.decode(frame.encodeJSON()) == frame)
}

@Test func largestFrameFitsTheLimits() throws {
    let longest: Float = -1.1754944e-38  // one of the longest descriptions, 14 characters
    let names = ["x", "y", "z"] + (10..<23).map { "axis\($0)" + String(repeating: "n", count: 58) }
    let axes = names.map { SensorFrame.Axis(name: $0, samples: [Float](repeating: longest, count: 65_536)) }
    let frame = try SensorFrame(ts: .max, hz: 1_000_000, axes: axes)
    // Three names of 1 byte, thirteen of the longest, 64.
    #expect(frame.encode().count == SensorFrame.maxBinaryBytes - 3 * 63)
    #expect(try SensorFrame.decode(frame.encode()) == frame)
    // The JSON form is built from one axis to keep the debug run short: every axis adds the same array.
    let oneAxis = try SensorFrame(ts: .max, hz: 1_000_000, axes: [axes[15]]).encodeJSON().count
    let emptyFrameBytes = #"{"v":1,"ts":9223372036854775807,"hz":1000000.0,"axes":{}}"#.utf8.count
    let jsonBytes = emptyFrameBytes + 16 * (oneAxis - emptyFrameBytes) + 15
    #expect(jsonBytes <= SensorFrame.maxEncodedBytes)
}

@Test func encodesTheDocumentedJSONForm() throws {
    let frame = try SensorFrame(
        ts: 1_700_000_000_000,
        hz: 100,
        axes: [
            .init(name: "z", samples: [0, -1]), .init(name: "x", samples: [0.5, 2]), .init(name: "y", samples: [1, 1]),
        ]
    )
    let expected = #"{"v":1,"ts":1700000000000,"hz":100.0,"axes":{"x":[0.5,2.0],"y":[1.0,1.0],"z":[0.0,-1.0]}}"#
    #expect(String(decoding: frame.encodeJSON(), as: UTF8.self) == expected)
}

@Test func decodesJSONTypedByAPerson() throws {
    // As sent with: mosquitto_pub -t sensors/edge-01/accel -m '...'
    let typed = """
         { "axes" : { "z": [ 3, 4 ], "b": [0,0], "x":[1, 2.5e0], "a": [ -1 , 1E-3 ] , "y":[0,0] },
          "hz":50, "ts":1700000000000 ,"v":1 }

        """
    let frame = try SensorFrame.decode(utf8(typed))
    #expect(frame.ts == 1_700_000_000_000)
    #expect(frame.hz == 50)
    #expect(frame.axes.map(\.name) == ["x", "y", "z", "a", "b"])
    #expect(frame.samples(of: "x") == [1, 2.5])
    #expect(frame.samples(of: "a") == [-1, 0.001])
    #expect(frame.sampleCount == 2)
}

@Test func decodesScalarSensorJSON() throws {
    let frame = try SensorFrame.decode(utf8(#"{"v":1,"ts":0,"hz":1,"axes":{"v":[21.5]}}"#))
    #expect(frame.axes == [.init(name: "v", samples: [21.5])])
}

@Test func encodesTheDocumentedSensorFrameBinaryForm() throws {
    // python3: b'SF1' + struct.pack('<BqdBI', 1, 1700000000000, 100.0, 2, 2) + b'\x01x\x01y'
    //          + struct.pack('<4f', 1.0, 2.0, 0.5, -0.5)
    let golden: [UInt8] = [
        0x53, 0x46, 0x31, 0x01, 0x00, 0x68, 0xe5, 0xcf, 0x8b, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x59, 0x40, 0x02, 0x02, 0x00, 0x00, 0x00, 0x01, 0x78, 0x01, 0x79, 0x00, 0x00, 0x80, 0x3f, 0x00,
        0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0xbf,
    ]
    let frame = try SensorFrame(
        ts: 1_700_000_000_000,
        hz: 100,
        axes: [.init(name: "x", samples: [1, 2]), .init(name: "y", samples: [0.5, -0.5])]
    )
    #expect(frame.encode() == golden)
    #expect(try SensorFrame.decode(golden) == frame)
}

/// A valid binary frame to damage: x and y, two samples each.
private let binaryFrame = try! SensorFrame(
    ts: 5,
    hz: 10,
    axes: [.init(name: "x", samples: [1, 2]), .init(name: "y", samples: [3, 4])]
).encode()

private func patched(_ offset: Int, _ bytes: [UInt8]) -> [UInt8] {
    var copy = binaryFrame
    copy.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    return copy
}

private func float32(_ value: Float) -> [UInt8] {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
}

private func float64(_ value: Double) -> [UInt8] {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
}

/// Binary frames with one thing wrong, and the code each must give.
private let badBinaryFrames: [(String, [UInt8], WireError.Code)] = [
    ("empty", [], .truncated),
    ("magic only", utf8("SF1"), .truncated),
    ("header cut", Array(binaryFrame.prefix(20)), .truncated),
    ("samples cut", Array(binaryFrame.dropLast()), .truncated),
    ("names cut", Array(binaryFrame.prefix(27)), .truncated),
    ("trailing byte", binaryFrame + [0], .malformed),
    ("wrong magic", patched(0, utf8("SF2")), .badMagic),
    ("lowercase magic", patched(0, utf8("sf1")), .badMagic),
    ("version 2", patched(3, [2]), .unsupportedVersion),
    ("version 0", patched(3, [0]), .unsupportedVersion),
    ("negative ts", patched(4, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), .invalidField),
    ("hz NaN", patched(12, float64(.nan)), .invalidField),
    ("hz infinite", patched(12, float64(.infinity)), .invalidField),
    ("hz zero", patched(12, float64(0)), .invalidField),
    ("hz negative", patched(12, float64(-100)), .invalidField),
    ("hz too high", patched(12, float64(1_000_001)), .invalidField),
    ("no axes", patched(20, [0]), .invalidField),
    ("17 axes", patched(20, [17]), .invalidField),
    ("axis count larger than present", patched(20, [3]), .truncated),
    ("no samples", patched(21, [0, 0, 0, 0]), .invalidField),
    ("65537 samples", patched(21, [0x01, 0x00, 0x01, 0x00]), .invalidField),
    ("huge sample count", patched(21, [0xFF, 0xFF, 0xFF, 0xFF]), .invalidField),
    ("sample count larger than present", patched(21, [3, 0, 0, 0]), .truncated),
    ("sample count smaller than present", patched(21, [1, 0, 0, 0]), .malformed),
    ("empty axis name", patched(25, [0]), .invalidField),
    ("axis name past the end", patched(25, [60]), .truncated),
    ("axis name too long", patched(25, [65]), .invalidField),
    ("axis name with a slash", patched(26, utf8("/")), .invalidField),
    ("axis name not UTF-8", patched(26, [0xFF]), .invalidField),
    ("duplicate axis name", patched(28, utf8("x")), .invalidField),
    ("NaN sample", patched(29, float32(.nan)), .invalidField),
    ("infinite sample", patched(41, float32(-.infinity)), .invalidField),
]

@Test(arguments: badBinaryFrames)
func rejectsBadBinaryFrames(name: String, bytes: [UInt8], expected: WireError.Code) {
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decodeBinary(bytes) } == expected, "\(name)")
}

/// JSON frames with one thing wrong, and the code each must give.
private let badJSONFrames: [(String, String, WireError.Code)] = [
    ("empty", "", .truncated),
    ("whitespace", " \n ", .truncated),
    ("cut in the middle", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[1,"#, .truncated),
    ("cut inside a string", #"{"v":1,"ts":0,"hz":1,"axes":{"v"#, .truncated),
    ("not an object", "[1,2,3]", .malformed),
    ("not JSON", "hello", .malformed),
    ("garbage after", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[1]}} x"#, .malformed),
    ("missing v", #"{"ts":0,"hz":1,"axes":{"v":[1]}}"#, .malformed),
    ("v as string", #"{"v":"1","ts":0,"hz":1,"axes":{"v":[1]}}"#, .malformed),
    ("v 2", #"{"v":2,"ts":0,"hz":1,"axes":{"v":[1]}}"#, .unsupportedVersion),
    ("v 2 with another shape", #"{"v":2,"frame":[1,2,3]}"#, .unsupportedVersion),
    ("missing axes", #"{"v":1,"ts":0,"hz":1}"#, .malformed),
    ("missing ts", #"{"v":1,"hz":1,"axes":{"v":[1]}}"#, .malformed),
    ("axes as array", #"{"v":1,"ts":0,"hz":1,"axes":[[1]]}"#, .malformed),
    ("sample as string", #"{"v":1,"ts":0,"hz":1,"axes":{"v":["1"]}}"#, .malformed),
    ("sample null", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[null]}}"#, .malformed),
    ("NaN literal", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[NaN]}}"#, .malformed),
    ("sample beyond Float", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[1e39]}}"#, .malformed),
    ("hz zero", #"{"v":1,"ts":0,"hz":0,"axes":{"v":[1]}}"#, .invalidField),
    ("hz too high", #"{"v":1,"ts":0,"hz":1000001,"axes":{"v":[1]}}"#, .invalidField),
    ("negative ts", #"{"v":1,"ts":-1,"hz":1,"axes":{"v":[1]}}"#, .invalidField),
    ("no axes", #"{"v":1,"ts":0,"hz":1,"axes":{}}"#, .invalidField),
    ("empty axis", #"{"v":1,"ts":0,"hz":1,"axes":{"v":[]}}"#, .invalidField),
    ("unequal axes", #"{"v":1,"ts":0,"hz":1,"axes":{"x":[1,2],"y":[1]}}"#, .invalidField),
    ("bad axis name", #"{"v":1,"ts":0,"hz":1,"axes":{"a/b":[1]}}"#, .invalidField),
    ("empty axis name", #"{"v":1,"ts":0,"hz":1,"axes":{"":[1]}}"#, .invalidField),
]

@Test(arguments: badJSONFrames)
func rejectsBadJSONFrames(name: String, json: String, expected: WireError.Code) {
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decode(utf8(json)) } == expected, "\(name)")
}

@Test func rejectsOversizedBinaryBeforeParsing() {
    let huge = utf8("SF1") + [UInt8](repeating: 0, count: SensorFrame.maxBinaryBytes)
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decode(huge) } == .oversized)
}

@Test func rejectsOversizedJSONBeforeParsing() {
    let huge = utf8("{") + [UInt8](repeating: 0x20, count: SensorFrame.maxEncodedBytes)
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decodeJSON(huge) } == .oversized)
}

@Test func rejectsDeeplyNestedJSON() {
    let depth = 100_000
    let json =
        #"{"v":1,"ts":0,"hz":1,"axes":{"v":[1]},"x":"# + String(repeating: "[", count: depth)
        + String(repeating: "]", count: depth) + "}"
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decode(utf8(json)) } == .malformed)
}

@Test func rejectsTooManyAxesInJSON() {
    let axes = (0..<17).map { #""a\#($0)":[1]"# }.joined(separator: ",")
    let json = #"{"v":1,"ts":0,"hz":1,"axes":{\#(axes)}}"#
    #expect(wireErrorCode { () throws(WireError) in try SensorFrame.decode(utf8(json)) } == .invalidField)
}

@Test func constructorRejectsInvalidFrames() {
    let cases: [(Int64, Double, [SensorFrame.Axis])] = [
        (0, 1, []),
        (0, .nan, [.init(name: "v", samples: [1])]),
        (0, 1, [.init(name: "v", samples: [.nan])]),
        (0, 1, [.init(name: "v", samples: [.infinity])]),
        (0, 1, [.init(name: "v", samples: [Float](repeating: 0, count: 65_537))]),
        (0, 1, [.init(name: "x", samples: [1]), .init(name: "x", samples: [2])]),
        (0, 1, [.init(name: "x", samples: [1]), .init(name: "y", samples: [])]),
        (-5, 1, [.init(name: "v", samples: [1])]),
    ]
    for (ts, hz, axes) in cases {
        #expect(wireErrorCode { () throws(WireError) in try SensorFrame(ts: ts, hz: hz, axes: axes) } == .invalidField)
    }
}
