import Testing
import WireProtocol

@Test(arguments: Fixtures.batches.flatMap { $0.records.map(\.payload) })
func telemetryPayloadRoundTrips(payload: TelemetryPayload) throws {
    #expect(try TelemetryPayload.decode(payload.encode()) == payload)
}

@Test(
    arguments: [
        ("empty", [], WireError.Code.truncated),
        ("unknown kind", [9], .invalidField),
        ("truncated metric", [4, 1, 0, 0x6d, 0, 0], .truncated),
        ("trailing byte", TelemetryPayload.metric(name: "m", value: 1).encode() + [0], .malformed),
        // A prediction whose score is NaN: 0x7fc00000 little endian.
        ("NaN score", [1, 1, 0, 0x6d, 1, 0, 0, 0, 1, 0, 0x61, 0, 0, 0xc0, 0x7f, 0, 0, 0, 0], .invalidField),
    ] as [(String, [UInt8], WireError.Code)]
)
func telemetryPayloadRejects(_ name: String, bytes: [UInt8], code: WireError.Code) {
    let error = #expect(throws: WireError.self, "\(name)") { try TelemetryPayload.decode(bytes) }
    #expect(error?.code == code, "\(name): \(String(describing: error))")
}
