import Testing
import WireProtocol

@Test func sensorLabelReadsFirmwareSimulatorJSONAndRoundTrips() throws {
    let label = try SensorLabel.decode(Array(#"{"v":1,"state":"bearing_outer","ts":1700000000000}"#.utf8))
    #expect(label.state == "bearing_outer" && label.ts == 1_700_000_000_000)
    #expect(try SensorLabel.decode(label.encode()) == label)
}

@Test(
    arguments: [
        ("empty", "", WireError.Code.truncated),
        ("not an object", "[1]", .malformed),
        ("cut short", #"{"v":1,"state":"normal""#, .truncated),
        ("unknown version", #"{"v":9,"state":"normal","ts":1}"#, .unsupportedVersion),
        ("state with a slash", #"{"v":1,"state":"a/b","ts":1}"#, .invalidField),
        ("empty state", #"{"v":1,"state":"","ts":1}"#, .invalidField),
        ("negative ts", #"{"v":1,"state":"normal","ts":-5}"#, .invalidField),
        ("missing ts", #"{"v":1,"state":"normal"}"#, .malformed),
        (
            "oversized", #"{"v":1,"state":"normal","ts":1,"pad":""# + String(repeating: "x", count: 2_000) + #""}"#,
            .oversized
        ),
    ] as [(String, String, WireError.Code)]
)
func sensorLabelRejects(_ name: String, json: String, code: WireError.Code) {
    let error = #expect(throws: WireError.self, "\(name)") { try SensorLabel.decode(Array(json.utf8)) }
    #expect(error?.code == code, "\(name): \(String(describing: error))")
}

@Test func labelledTelemetryRoundTripsAndRefusesBadValues() throws {
    let payloads: [TelemetryPayload] = [
        .prediction(.init(modelName: "m", modelVersion: 3, label: "normal", score: 0.9, latencyMicros: 7)),
        .prediction(
            .init(modelName: "m", modelVersion: 3, label: "normal", score: 0.9, latencyMicros: 7, truth: "imbalance")
        ),
        .labelledFeatures(label: "bearing_inner", values: [1, -2.5, 3e7]),
    ]
    for payload in payloads {
        #expect(try TelemetryPayload.decode(payload.encode()) == payload)
    }
    let bad: [TelemetryPayload] = [
        .prediction(.init(modelName: "m", modelVersion: 1, label: "l", score: 0, latencyMicros: 0, truth: "")),
        .labelledFeatures(label: "a b", values: [1]),
        .labelledFeatures(label: "ok", values: []),
        .labelledFeatures(label: "ok", values: [.infinity]),
    ]
    for payload in bad {
        #expect(throws: WireError.self) { try TelemetryRecord(seq: 1, ts: 0, payload: payload) }
    }
    // A prediction with truth is its own kind; the plain form stays as documented.
    #expect(payloads[0].encode().first == 1 && payloads[1].encode().first == 7)
    #expect(payloads[1].encode().count == payloads[0].encode().count + 2 + "imbalance".utf8.count)
}
