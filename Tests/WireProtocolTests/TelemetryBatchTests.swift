import Testing
import WireProtocol
import ZlibCompression

@Test(arguments: Fixtures.batches)
func telemetryBatchRoundTrips(batch: TelemetryBatch) throws {
    #expect(try TelemetryBatch.decode(batch.encode()) == batch)
}

/// The batch of the golden bytes below.
private let goldenBatch = try! TelemetryBatch(
    device: try! DeviceID("d1"),
    records: [
        try! TelemetryRecord(
            seq: 1,
            ts: 1000,
            payload: .prediction(.init(modelName: "m", modelVersion: 2, label: "ok", score: 0.5, latencyMicros: 100))
        ),
        try! TelemetryRecord(
            seq: 2,
            ts: 1001,
            payload: .health(
                .init(
                    cpuFraction: 0.25,
                    memoryBytes: 1024,
                    inferenceLatencyP50Micros: 10,
                    inferenceLatencyP99Micros: 20,
                    errorCount: 0,
                    outboxDepth: 3
                )
            )
        ),
        try! TelemetryRecord(seq: 5, ts: 1002, payload: .featureSummary([1, -2])),
        try! TelemetryRecord(seq: 6, ts: 1003, payload: .metric(name: "temp", value: 21.5)),
    ]
)

// python3: s16 = lambda t: struct.pack('<H', len(t)) + t
//   body = b'\x02d1' + struct.pack('<I', 4)
//   body += struct.pack('<QqB', 1, 1000, 1) + s16(b'm') + struct.pack('<I', 2) + s16(b'ok') + struct.pack('<fI', 0.5, 100)
//   body += struct.pack('<QqB', 2, 1001, 2) + struct.pack('<fQIIIQ', 0.25, 1024, 10, 20, 0, 3)
//   body += struct.pack('<QqB', 5, 1002, 3) + struct.pack('<H2f', 2, 1.0, -2.0)
//   body += struct.pack('<QqB', 6, 1003, 4) + s16(b'temp') + struct.pack('<d', 21.5)
private let goldenBody: [UInt8] = [
    0x02, 0x64, 0x31, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe8, 0x03, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x6d, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x6f, 0x6b, 0x00,
    0x00, 0x00, 0x3f, 0x64, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe9, 0x03, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x80, 0x3e, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0a, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xea, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x02, 0x00, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xeb, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x04, 0x00, 0x74, 0x65, 0x6d, 0x70, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x80, 0x35, 0x40,
]

// python3: b'TB1' + struct.pack('<BI', 1, len(body)) + zlib.compress(body, 9)
private let goldenBatchBytes: [UInt8] = [
    0x54, 0x42, 0x31, 0x01, 0x96, 0x00, 0x00, 0x00, 0x78, 0xda, 0x63, 0x4a, 0x31, 0x64, 0x61, 0x60, 0x60, 0x60,
    0x64, 0x80, 0x80, 0x17, 0xcc, 0x10, 0x9a, 0x91, 0x91, 0x21, 0x97, 0x09, 0x48, 0x33, 0x31, 0xe4, 0x67, 0x03,
    0x29, 0xfb, 0x14, 0x30, 0x1b, 0x02, 0x5e, 0x42, 0xd5, 0x00, 0xf9, 0x0d, 0x76, 0x0c, 0x2c, 0x10, 0x0e, 0x17,
    0x10, 0x8b, 0x40, 0x15, 0x40, 0xe5, 0x19, 0x58, 0xa1, 0xf4, 0x2b, 0xa8, 0x00, 0x33, 0xc8, 0x84, 0x06, 0x7b,
    0x20, 0x71, 0x80, 0x0d, 0x2a, 0xf5, 0x1a, 0x2a, 0xc5, 0xc2, 0xc2, 0x50, 0x92, 0x9a, 0x5b, 0x00, 0x66, 0x37,
    0x98, 0x3a, 0x00, 0x00, 0xf0, 0x0f, 0x0b, 0x68,
]

@Test func encodesTheDocumentedTelemetryBinaryForm() throws {
    let encoded = goldenBatch.encode()
    #expect(Array(encoded.prefix(8)) == [0x54, 0x42, 0x31, 0x01, 0x96, 0x00, 0x00, 0x00])
    let body = try Zlib.decompress(encoded.dropFirst(8), maxOutputBytes: 1000)
    #expect(body == goldenBody)
}

@Test func decodesABatchMadeByPython() throws {
    #expect(try TelemetryBatch.decode(goldenBatchBytes) == goldenBatch)
}

/// A batch around `body`: header declaring `declared` (default: the body's length), then zlib of the body.
func batchBytes(body: [UInt8], declared: Int? = nil, version: UInt8 = 1) -> [UInt8] {
    let length = UInt32(declared ?? body.count)
    return utf8("TB1") + [version] + withUnsafeBytes(of: length.littleEndian) { Array($0) } + (try! Zlib.compress(body))
}

private func patchedBody(_ offset: Int, _ bytes: [UInt8]) -> [UInt8] {
    var copy = goldenBody
    copy.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    return copy
}

/// Offsets in the golden body: device length 0, count 3, record 0 at 7 (ts 15, kind 23, model name length 24,
/// label length 31, score 35), record 1 at 43 (cpu 60), record 2 at 92 (count 109), record 3 at 119 (value 142).
private let badBatches: [(String, [UInt8], WireError.Code)] = [
    ("empty", [], .truncated),
    ("header cut", Array(goldenBatchBytes.prefix(7)), .truncated),
    ("header only", Array(goldenBatchBytes.prefix(8)), .truncated),
    ("zlib cut", Array(goldenBatchBytes.dropLast()), .truncated),
    ("bytes after zlib", goldenBatchBytes + [0], .malformed),
    (
        "zlib damaged", goldenBatchBytes.enumerated().map { $0.offset == 40 ? $0.element ^ 0xFF : $0.element },
        .malformed
    ),
    ("wrong magic", utf8("TB2") + goldenBatchBytes.dropFirst(3), .badMagic),
    ("sensor frame magic", utf8("SF1") + goldenBatchBytes.dropFirst(3), .badMagic),
    ("version 2", batchBytes(body: goldenBody, version: 2), .unsupportedVersion),
    ("declared past 16 MiB", batchBytes(body: goldenBody, declared: 16 << 20 + 1), .oversized),
    ("declared max u32", batchBytes(body: goldenBody, declared: Int(UInt32.max)), .oversized),
    ("declared shorter than body", batchBytes(body: goldenBody, declared: 149), .malformed),
    ("declared longer than body", batchBytes(body: goldenBody, declared: 151), .malformed),
    ("declared zero", batchBytes(body: goldenBody, declared: 0), .malformed),
    ("empty body", batchBytes(body: []), .truncated),
    ("body cut", batchBytes(body: Array(goldenBody.dropLast())), .truncated),
    ("body with trailing byte", batchBytes(body: goldenBody + [0]), .malformed),
    ("empty device", batchBytes(body: [0] + goldenBody.dropFirst(3)), .invalidField),
    ("bad device", batchBytes(body: patchedBody(1, utf8("d+"))), .invalidField),
    ("device past the end", batchBytes(body: [60, 0x64]), .truncated),
    ("device id over 64 bytes", batchBytes(body: [65, 0x64]), .invalidField),
    ("no records", batchBytes(body: Array(goldenBody.prefix(3)) + [0, 0, 0, 0]), .invalidField),
    ("100001 records", batchBytes(body: patchedBody(3, [0xA1, 0x86, 0x01, 0x00])), .invalidField),
    ("more records than bytes", batchBytes(body: patchedBody(3, [0xA0, 0x86, 0x01, 0x00])), .truncated),
    ("one record more than present", batchBytes(body: patchedBody(3, [5, 0, 0, 0])), .truncated),
    ("one record fewer than present", batchBytes(body: patchedBody(3, [3, 0, 0, 0])), .malformed),
    ("repeated seq", batchBytes(body: patchedBody(43, [1])), .invalidField),
    ("decreasing seq", batchBytes(body: patchedBody(92, [1])), .invalidField),
    (
        "negative ts", batchBytes(body: patchedBody(15, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])),
        .invalidField
    ),
    ("unknown kind", batchBytes(body: patchedBody(23, [9])), .invalidField),
    ("kind zero", batchBytes(body: patchedBody(23, [0])), .invalidField),
    ("empty model name", batchBytes(body: Array(goldenBody[..<24]) + [0, 0] + goldenBody[27...]), .invalidField),
    ("string over 1024 bytes", batchBytes(body: patchedBody(31, [0x01, 0x04])), .invalidField),
    ("string past the end", batchBytes(body: patchedBody(31, [0x00, 0x04])), .truncated),
    ("label not UTF-8", batchBytes(body: patchedBody(33, [0xC3, 0x28])), .invalidField),
    ("NaN score", batchBytes(body: patchedBody(35, [0x00, 0x00, 0xC0, 0x7F])), .invalidField),
    ("negative cpu", batchBytes(body: patchedBody(60, [0x00, 0x00, 0x80, 0xBE])), .invalidField),
    ("infinite cpu", batchBytes(body: patchedBody(60, [0x00, 0x00, 0x80, 0x7F])), .invalidField),
    (
        "empty feature summary", batchBytes(body: Array(goldenBody[..<109]) + [0, 0] + goldenBody[119...]),
        .invalidField
    ),
    ("feature count past the end", batchBytes(body: patchedBody(109, [0xFF, 0xFF])), .truncated),
    ("infinite metric", batchBytes(body: patchedBody(142, [0, 0, 0, 0, 0, 0, 0xF0, 0x7F])), .invalidField),
]

@Test(arguments: badBatches)
func rejectsBadBatches(name: String, bytes: [UInt8], expected: WireError.Code) {
    #expect(wireErrorCode { () throws(WireError) in try TelemetryBatch.decode(bytes) } == expected, "\(name)")
}

@Test func rejectsOversizedInputBeforeParsing() {
    let huge = utf8("TB1") + [UInt8](repeating: 0, count: TelemetryBatch.maxEncodedBytes)
    #expect(wireErrorCode { () throws(WireError) in try TelemetryBatch.decode(huge) } == .oversized)
}

@Test func bombBehindASmallDeclaredLengthIsMalformed() throws {
    let zeros = try Zlib.compress([UInt8](repeating: 0, count: 8 << 20))
    let bomb = utf8("TB1") + [1] + withUnsafeBytes(of: UInt32(1000).littleEndian) { Array($0) } + zeros
    #expect(wireErrorCode { () throws(WireError) in try TelemetryBatch.decode(bomb) } == .malformed)
}

@Test func constructorRejectsInvalidBatches() throws {
    let record = try TelemetryRecord(seq: 1, ts: 0, payload: .metric(name: "m", value: 1))
    #expect(
        wireErrorCode { () throws(WireError) in try TelemetryBatch(device: Fixtures.device, records: []) }
            == .invalidField
    )
    #expect(
        wireErrorCode { () throws(WireError) in try TelemetryBatch(device: Fixtures.device, records: [record, record]) }
            == .invalidField
    )
    let tooMany = (0..<100_001).map {
        try! TelemetryRecord(seq: UInt64($0), ts: 0, payload: .metric(name: "m", value: 1))
    }
    #expect(
        wireErrorCode { () throws(WireError) in try TelemetryBatch(device: Fixtures.device, records: tooMany) }
            == .invalidField
    )
    // 65 summaries sharing one array of 65_535 values: a body just over 16 MiB, with little memory.
    let values = [Float](repeating: 1, count: 65_535)
    let large = try (0..<65).map { try TelemetryRecord(seq: UInt64($0), ts: 0, payload: .featureSummary(values)) }
    #expect(
        wireErrorCode { () throws(WireError) in try TelemetryBatch(device: Fixtures.device, records: large) }
            == .oversized
    )
    let fits = try TelemetryBatch(device: Fixtures.device, records: Array(large.prefix(63)))
    #expect(try TelemetryBatch.decode(fits.encode()) == fits)
}

@Test(arguments: [
    TelemetryPayload.prediction(.init(modelName: "", modelVersion: 1, label: "l", score: 0, latencyMicros: 0)),
    .prediction(.init(modelName: "m", modelVersion: 1, label: "", score: 0, latencyMicros: 0)),
    .prediction(
        .init(modelName: "m", modelVersion: 1, label: String(repeating: "l", count: 1025), score: 0, latencyMicros: 0)
    ),
    .prediction(.init(modelName: "m", modelVersion: 1, label: "l", score: .infinity, latencyMicros: 0)),
    .health(
        .init(
            cpuFraction: .nan,
            memoryBytes: 0,
            inferenceLatencyP50Micros: 0,
            inferenceLatencyP99Micros: 0,
            errorCount: 0,
            outboxDepth: 0
        )
    ),
    .featureSummary([]),
    .featureSummary([Float](repeating: 0, count: 65_536)),
    .featureSummary([1, .nan]),
    .metric(name: "a b", value: 1),
    .metric(name: "m", value: -.infinity),
])
func recordConstructorRejectsInvalidPayloads(payload: TelemetryPayload) {
    #expect(
        wireErrorCode { () throws(WireError) in try TelemetryRecord(seq: 0, ts: 0, payload: payload) } == .invalidField
    )
}
