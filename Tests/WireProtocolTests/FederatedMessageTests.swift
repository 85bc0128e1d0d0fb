import Testing
import WireProtocol

extension Fixtures {
    static let rounds: [FederatedRound] = [
        try! FederatedRound(
            round: 1,
            model: "m",
            baseVersion: 0,
            weights: "m.float",
            weightsSHA256: sha,
            weightsSize: 1,
            devices: [device],
            deadlineMs: 0,
            epochs: 1,
            batchSize: 1,
            learningRate: 1e-9
        ),
        try! FederatedRound(
            round: .max,
            model: "bearing-mlp",
            baseVersion: .max,
            weights: "bearing-mlp.float",
            weightsSHA256: sha,
            weightsSize: .max,
            devices: [try! DeviceID("z-9"), device, try! DeviceID("a.1")],
            deadlineMs: .max,
            epochs: 1_000,
            batchSize: 65_536,
            learningRate: 100,
            proximalMu: 0.01,
            quantization: .int8,
            topK: 0.125
        ),
    ]

    static let updates: [FederatedUpdate] = [
        try! FederatedUpdate(device: device, seq: 0, round: 1, baseVersion: 0, examples: 1, update: [0]),
        try! FederatedUpdate(
            device: try! DeviceID(String(repeating: "d", count: 64)),
            seq: .max,
            round: .max,
            baseVersion: .max,
            examples: .max,
            update: (0..<300).map { UInt8($0 % 256) }
        ),
    ]
}

@Test func encodesFederatedRoundAsGoldenJSON() throws {
    let round = try FederatedRound(
        round: 12,
        model: "bearing",
        baseVersion: 3,
        weights: "bearing.float",
        weightsSHA256: Fixtures.sha,
        weightsSize: 5_120,
        devices: [try DeviceID("d2"), try DeviceID("d1")],
        deadlineMs: 1_700_000_060_000,
        epochs: 2,
        batchSize: 16,
        learningRate: 0.5,
        proximalMu: 0,
        quantization: .int8,
        topK: 0.25
    )
    let golden =
        #"{"base_version":3,"batch_size":16,"deadline_ms":1700000060000,"devices":["d1","d2"],"epochs":2,"#
        + #""learning_rate":0.5,"model":"bearing","proximal_mu":0,"quantization":"int8","round":12,"top_k":0.25,"#
        + #""v":1,"weights":"bearing.float","weights_sha256":"\#(Fixtures.sha)","weights_size":5120}"#
    #expect(String(decoding: round.encode(), as: UTF8.self) == golden)
    #expect(try FederatedRound.decode(round.encode()) == round)
    let selected = try ["d0", "d1", "d2", "d3"].map { try round.selects(DeviceID($0)) }
    #expect(selected == [false, true, true, false])
}

@Test(arguments: 0..<2)
func federatedMessagesRoundTrip(index: Int) throws {
    #expect(try FederatedRound.decode(Fixtures.rounds[index].encode()) == Fixtures.rounds[index])
    #expect(try FederatedUpdate.decode(Fixtures.updates[index].encode()) == Fixtures.updates[index])
}

/// A valid round message with `field` replaced by `value` (raw JSON), or removed when `value` is nil.
private func roundJSON(_ field: String, _ value: String?) -> [UInt8] {
    var fields: [(String, String)] = [
        ("v", "1"), ("round", "1"), ("model", #""m""#), ("base_version", "1"), ("weights", #""m.float""#),
        ("weights_sha256", #""\#(Fixtures.sha)""#), ("weights_size", "10"), ("devices", #"["d1"]"#),
        ("deadline_ms", "5"), ("epochs", "1"), ("batch_size", "8"), ("learning_rate", "0.1"),
        ("proximal_mu", "0"), ("quantization", #""float32""#),
    ]
    if let index = fields.firstIndex(where: { $0.0 == field }) {
        if let value { fields[index].1 = value } else { fields.remove(at: index) }
    } else if let value {
        fields.append((field, value))
    }
    return utf8("{" + fields.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}")
}

private let badRounds: [(String, String?, WireError.Code)] = [
    ("v", "2", .unsupportedVersion),
    ("v", nil, .malformed),
    ("round", "0", .invalidField),
    ("round", "-1", .malformed),
    ("model", #""a/b""#, .invalidField),
    ("model", nil, .malformed),
    ("weights", #""""#, .invalidField),
    ("weights_sha256", #""\#(Fixtures.sha.uppercased())""#, .invalidField),
    ("weights_size", "0", .invalidField),
    ("devices", "[]", .invalidField),
    ("devices", #"["d1","d1"]"#, .invalidField),
    ("devices", #"["a b"]"#, .invalidField),
    ("devices", #""d1""#, .malformed),
    ("deadline_ms", "-5", .invalidField),
    ("epochs", "0", .invalidField),
    ("epochs", "1001", .invalidField),
    ("batch_size", "0", .invalidField),
    ("learning_rate", "0", .invalidField),
    ("learning_rate", "101", .invalidField),
    ("learning_rate", #""fast""#, .malformed),
    ("proximal_mu", "-0.5", .invalidField),
    ("quantization", #""int4""#, .invalidField),
    ("top_k", "0", .invalidField),
    ("top_k", "1.5", .invalidField),
]

@Test(arguments: badRounds)
func rejectsBadFederatedRounds(field: String, value: String?, expected: WireError.Code) {
    #expect(wireErrorCode { () throws(WireError) in try FederatedRound.decode(roundJSON(field, value)) } == expected)
}

@Test func acceptsTheHandWrittenRoundAndRejectsItsTruncationsAndOversize() throws {
    let valid = roundJSON("top_k", nil)
    #expect(try FederatedRound.decode(valid).topK == nil)
    for length in 0..<valid.count {
        #expect(wireErrorCode { () throws(WireError) in try FederatedRound.decode(Array(valid.prefix(length))) } != nil)
    }
    let huge = utf8(#"{"v":1,"pad":""#) + [UInt8](repeating: 0x61, count: FederatedRound.maxEncodedBytes) + utf8(#""}"#)
    #expect(wireErrorCode { () throws(WireError) in try FederatedRound.decode(huge) } == .oversized)
}

@Test func encodesFederatedUpdateWithItsDocumentedLayout() throws {
    let update = try FederatedUpdate(device: DeviceID("d"), seq: 2, round: 3, baseVersion: 4, examples: 5, update: [9])
    let expected: [UInt8] =
        Array("FU1".utf8) + [1] + [1, UInt8(ascii: "d")] + [2, 0, 0, 0, 0, 0, 0, 0] + [3, 0, 0, 0, 0, 0, 0, 0]
        + [4, 0, 0, 0] + [5, 0, 0, 0] + [1, 0, 0, 0] + [9]
    #expect(update.encode() == expected)
}

@Test func rejectsBadFederatedUpdates() throws {
    let valid = Fixtures.updates[0].encode()
    // Every truncation. Layout of this fixture: magic 0..<3, v 3, device 4...11 ("edge-01"), seq 12..<20,
    // round 20..<28, base version 28..<32, examples 32..<36, update length 36..<40, update 40.
    for length in 0..<valid.count {
        let code = wireErrorCode { () throws(WireError) in try FederatedUpdate.decode(Array(valid.prefix(length))) }
        #expect(code == .truncated, "length \(length)")
    }
    var badVersion = valid
    badVersion[3] = 2
    var badDevice = valid
    badDevice[5] = UInt8(ascii: "/")
    var zeroExamples = valid
    zeroExamples[32] = 0
    var zeroRound = valid
    zeroRound[20] = 0
    var emptyUpdate = Array(valid.dropLast())
    emptyUpdate[36] = 0
    let cases: [([UInt8], WireError.Code)] = [
        (Array("XU1".utf8) + valid.dropFirst(3), .badMagic),
        (badVersion, .unsupportedVersion),
        (badDevice, .invalidField),
        (zeroExamples, .invalidField),
        (zeroRound, .invalidField),
        (emptyUpdate, .invalidField),
        (valid + [0], .malformed),
    ]
    for (bytes, expected) in cases {
        #expect(wireErrorCode { () throws(WireError) in try FederatedUpdate.decode(bytes) } == expected)
    }
    #expect(
        wireErrorCode { () throws(WireError) in
            try FederatedUpdate(device: Fixtures.device, seq: 1, round: 1, baseVersion: 1, examples: 1, update: [])
        } == .invalidField
    )
}
