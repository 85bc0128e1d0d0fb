import TestSupport
import Testing
import WireProtocol

@Test(arguments: FuzzCodec.allCases)
func randomBytesAreRejectedWithoutCrashing(codec: FuzzCodec) {
    var mutator = Mutator(seed: 0xF00D + UInt64(codec.rawValue.utf8.count))
    var outcomes: [FuzzCodec.Outcome: Int] = [:]
    for round in 0..<3_000 {
        var bytes = round % 2 == 0 || !codec.isJSON ? mutator.garbage(maxLength: 300) : mutator.jsonSoup(maxTokens: 40)
        // Half of the binary garbage starts with the right magic and version, to get past the first checks.
        if round % 2 == 1, let valid = codec.validPayloads.first, !codec.isJSON {
            bytes = Array(valid.prefix(4)) + bytes
        }
        let outcome = codec.outcome(bytes)
        #expect(outcome != .unstable, "\(codec) decoded \(bytes) to a value that does not round-trip")
        outcomes[outcome, default: 0] += 1
    }
    // Random bytes are not a valid message, and they reach more than one check.
    #expect(outcomes[.stable, default: 0] == 0)
    #expect(outcomes.count >= 2, "\(outcomes)")
}

@Test(arguments: FuzzCodec.allCases)
func mutatedPayloadsDecodeOrAreRejected(codec: FuzzCodec) {
    var mutator = Mutator(seed: 0xBEEF + UInt64(codec.rawValue.utf8.count))
    let payloads = codec.validPayloads
    for payload in payloads {
        #expect(codec.outcome(payload) == .stable)
    }
    var outcomes: [FuzzCodec.Outcome: Int] = [:]
    for round in 0..<3_000 {
        let bytes = mutator.mutate(payloads[round % payloads.count])
        let outcome = codec.outcome(bytes)
        #expect(outcome != .unstable, "\(codec) decoded a mutation to a value that does not round-trip")
        outcomes[outcome, default: 0] += 1
    }
    // Mutations reach several different checks, not just the first one, and some leave a valid message.
    #expect(outcomes.count >= 3, "\(outcomes)")
    #expect(outcomes[.stable, default: 0] > 0, "\(outcomes)")
}
