import Testing
import WireProtocol

@Test func encodesArtifactRequestAsGoldenJSON() throws {
    let request = try ArtifactRequest(device: Fixtures.device, seq: 12, name: "m", version: 3, offset: 256, length: 9)
    let golden = #"{"device":"edge-01","length":9,"name":"m","offset":256,"seq":12,"v":1,"version":3}"#
    #expect(String(decoding: request.encode(), as: UTF8.self) == golden)
}

@Test(arguments: [0, ArtifactRequest.maxLength + 1, .max])
func artifactRequestRefusesALengthOutsideItsRange(length: UInt32) {
    #expect(
        wireErrorCode { () throws(WireError) in
            try ArtifactRequest(device: Fixtures.device, seq: 1, name: "m", version: 1, offset: 0, length: length)
        } == .invalidField
    )
}

@Test func artifactRequestRefusesANameThatIsNotAnIdentifier() {
    let json = #"{"v":1,"device":"edge-01","seq":1,"name":"a/b","version":1,"offset":0,"length":1}"#
    #expect(wireErrorCode { () throws(WireError) in try ArtifactRequest.decode(utf8(json)) } == .invalidField)
}

@Test func encodesArtifactChunkWithItsDocumentedLayout() throws {
    let chunk = try ArtifactChunk(
        status: .ok,
        requestSeq: 2,
        name: "m",
        version: 3,
        totalLength: 10,
        offset: 8,
        data: [0xAA, 0xBB]
    )
    let expected: [UInt8] =
        Array("AC1".utf8) + [1, 0] + [2, 0, 0, 0, 0, 0, 0, 0] + [1, UInt8(ascii: "m")] + [3, 0, 0, 0]
        + [10, 0, 0, 0, 0, 0, 0, 0] + [8, 0, 0, 0, 0, 0, 0, 0] + [2, 0, 0, 0] + [0xAA, 0xBB]
    #expect(chunk.encode() == expected)
    #expect(try ArtifactChunk.decode(expected) == chunk)
}

@Test func artifactChunkRefusesDataPastTheTotalLength() {
    #expect(
        wireErrorCode { () throws(WireError) in
            try ArtifactChunk(
                status: .ok,
                requestSeq: 1,
                name: "m",
                version: 1,
                totalLength: 3,
                offset: 2,
                data: [1, 2]
            )
        } == .invalidField
    )
    #expect(
        wireErrorCode { () throws(WireError) in
            try ArtifactChunk(
                status: .ok,
                requestSeq: 1,
                name: "m",
                version: 1,
                totalLength: .max,
                offset: .max,
                data: [1]
            )
        } == .invalidField
    )
}

@Test func artifactChunkRefusesDataWithAFailureStatus() {
    #expect(
        wireErrorCode { () throws(WireError) in
            try ArtifactChunk(
                status: .badRange,
                requestSeq: 1,
                name: "m",
                version: 1,
                totalLength: 9,
                offset: 0,
                data: [1]
            )
        } == .invalidField
    )
}

@Test func artifactChunkDecodingRefusesBadHeaders() throws {
    let valid = Fixtures.artifactChunks[0].encode()
    var unknownStatus = valid
    unknownStatus[4] = 9
    var future = valid
    future[3] = 2
    var hugeData = valid
    // The data length field sits right before the 60 data bytes.
    let lengthAt = valid.count - 60 - 4
    hugeData.replaceSubrange(lengthAt..<lengthAt + 4, with: [0xFF, 0xFF, 0xFF, 0x7F])
    #expect(wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(unknownStatus) } == .invalidField)
    #expect(wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(future) } == .unsupportedVersion)
    #expect(wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(hugeData) } == .invalidField)
    #expect(wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(Array(valid.dropLast())) } == .truncated)
    #expect(wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(valid + [0]) } == .malformed)
    #expect(
        wireErrorCode { () throws(WireError) in try ArtifactChunk.decode(Array("XYZ".utf8) + valid.dropFirst(3)) }
            == .badMagic
    )
    #expect(
        wireErrorCode { () throws(WireError) in
            try ArtifactChunk.decode([UInt8](repeating: 0, count: ArtifactChunk.maxEncodedBytes + 1))
        }
            == .oversized
    )
}

@Test func desiredModelSignatureFieldsTravelTogether() throws {
    let signed = try #require(Fixtures.desiredStates[2].model)
    #expect(signed.isSigned)
    let decoded = try DesiredState.decode(Fixtures.desiredStates[2].encode())
    #expect(decoded == Fixtures.desiredStates[2])
    // Only some of the three: refused, so a device never mistakes a half-signed model for an unsigned one.
    #expect(
        wireErrorCode { () throws(WireError) in
            try DesiredModel(
                name: "m",
                version: 1,
                sha256: Fixtures.sha,
                size: 1,
                expires: 5,
                keyID: nil,
                signature: "x"
            )
        } == .invalidField
    )
    #expect(
        wireErrorCode { () throws(WireError) in
            try DesiredModel(
                name: "m",
                version: 1,
                sha256: Fixtures.sha,
                size: 1,
                expires: 5,
                keyID: "k",
                signature: String(repeating: "A", count: 129)
            )
        } == .invalidField
    )
    // JSON from before the signature fields still decodes, as an unsigned model.
    let old = #"{"name":"m","version":2,"sha256":"\#(Fixtures.sha)","size":5}"#
    let state = try DesiredState.decode(utf8(#"{"v":1,"device":"edge-01","revision":1,"ts":1,"model":\#(old)}"#))
    #expect(state.model?.isSigned == false)
}
