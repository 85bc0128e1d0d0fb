import Testing
import WireProtocol

@Test func telemetryAckRoundTripsAndReadsHandTypedJSON() throws {
    let ack = TelemetryAck(device: try DeviceID("edge-01"), seq: 1_234)
    #expect(try TelemetryAck.decode(ack.encode()) == ack)
    #expect(String(decoding: ack.encode(), as: UTF8.self) == #"{"device":"edge-01","seq":1234,"v":1}"#)
    #expect(try TelemetryAck.decode(Array(#" { "seq": 7, "v": 1, "device": "d" } "#.utf8)).seq == 7)
}

@Test(
    arguments: [
        ("not JSON", #"{"#, WireError.Code.truncated),
        ("unknown version", #"{"v":2,"device":"d","seq":1}"#, .unsupportedVersion),
        ("bad device", #"{"v":1,"device":"a/b","seq":1}"#, .invalidField),
        ("negative seq", #"{"v":1,"device":"d","seq":-1}"#, .malformed),
        ("missing seq", #"{"v":1,"device":"d"}"#, .malformed),
    ] as [(String, String, WireError.Code)]
)
func telemetryAckRejects(_ label: String, json: String, code: WireError.Code) {
    let error = #expect(throws: WireError.self, "\(label)") { try TelemetryAck.decode(Array(json.utf8)) }
    #expect(error?.code == code, "\(label): \(String(describing: error))")
}
