import Testing
import WireProtocol

@Test(arguments: Fixtures.statuses)
func deviceStatusRoundTrips(status: DeviceStatus) throws {
    #expect(try DeviceStatus.decode(status.encode()) == status)
}

@Test(arguments: Fixtures.events)
func deviceEventRoundTrips(event: DeviceEvent) throws {
    #expect(try DeviceEvent.decode(event.encode()) == event)
}

@Test(arguments: Fixtures.desiredStates)
func desiredStateRoundTrips(state: DesiredState) throws {
    #expect(try DesiredState.decode(state.encode()) == state)
}

@Test(arguments: Fixtures.commands)
func commandRoundTrips(command: Command) throws {
    #expect(try Command.decode(command.encode()) == command)
}

@Test func largestJSONMessagesFitTheirLimits() throws {
    // Control characters are escaped as six bytes each, the worst case for size.
    let text = String(repeating: "\u{1}", count: 1024)
    let map = Dictionary(
        uniqueKeysWithValues: (0..<64).map { (String(repeating: "\u{1}", count: 124) + "\($0)", text) }
    )
    let event = try DeviceEvent(
        device: Fixtures.device,
        seq: .max,
        ts: .max,
        kind: String(repeating: "k", count: 64),
        severity: .warning,
        message: String(repeating: "\u{1}", count: 4096),
        fields: map,
        commandID: String(repeating: "c", count: 64)
    )
    #expect(event.encode().count <= DeviceEvent.maxEncodedBytes)
    #expect(try DeviceEvent.decode(event.encode()) == event)
    let desired = try DesiredState(device: Fixtures.device, revision: .max, ts: .max, model: nil, config: map)
    #expect(try DesiredState.decode(desired.encode()) == desired)
    let command = try Command(id: String(repeating: "i", count: 64), ts: .max, name: "n", args: map)
    #expect(try Command.decode(command.encode()) == command)
}

@Test func encodesStatusAsGoldenJSON() throws {
    let status = try DeviceStatus(
        device: Fixtures.device,
        seq: 7,
        ts: 1_700_000_000_000,
        state: .online,
        runtimeVersion: "1.0.0",
        activeModel: try ModelReference(name: "bearing-mlp", version: 3),
        activeSlot: .a,
        uptimeSeconds: 42
    )
    let golden = #"""
        {"activeModel":{"name":"bearing-mlp","version":3},"activeSlot":"A","device":"edge-01","runtimeVersion":"1.0.0",\#
        "seq":7,"state":"online","ts":1700000000000,"uptimeSeconds":42,"v":1}
        """#
    #expect(String(decoding: status.encode(), as: UTF8.self) == golden)
    let offline = try DeviceStatus(device: Fixtures.device, seq: 8, ts: 0, state: .offline, runtimeVersion: "1.0.0")
    let goldenOffline = #"{"device":"edge-01","runtimeVersion":"1.0.0","seq":8,"state":"offline","ts":0,"v":1}"#
    #expect(String(decoding: offline.encode(), as: UTF8.self) == goldenOffline)
}

@Test func encodesEventAsGoldenJSON() throws {
    let event = try DeviceEvent(
        device: Fixtures.device,
        seq: 3,
        ts: 10,
        kind: "command.result",
        severity: .warning,
        message: "done \"ok\"/",
        fields: ["z": "1", "a": "2"],
        commandID: "c-1"
    )
    let golden = #"""
        {"commandID":"c-1","device":"edge-01","fields":{"a":"2","z":"1"},"kind":"command.result",\#
        "message":"done \"ok\"/","seq":3,"severity":"warning","ts":10,"v":1}
        """#
    #expect(String(decoding: event.encode(), as: UTF8.self) == golden)
}

@Test func encodesDesiredStateAsGoldenJSON() throws {
    let state = try DesiredState(
        device: Fixtures.device,
        revision: 4,
        ts: 10,
        model: try DesiredModel(name: "m", version: 2, sha256: Fixtures.sha, size: 12_345),
        config: ["hop": "128"]
    )
    let golden = #"""
        {"config":{"hop":"128"},"device":"edge-01","model":{"name":"m","sha256":"\#(Fixtures.sha)","size":12345,\#
        "version":2},"revision":4,"ts":10,"v":1}
        """#
    #expect(String(decoding: state.encode(), as: UTF8.self) == golden)
}

@Test func encodesCommandAsGoldenJSON() throws {
    let command = try Command(id: "c-17", ts: 1_700_000_000_000, name: "model.activate", args: ["slot": "B"])
    let golden = #"{"args":{"slot":"B"},"id":"c-17","name":"model.activate","ts":1700000000000,"v":1}"#
    #expect(String(decoding: command.encode(), as: UTF8.self) == golden)
}

@Test func decodesHandwrittenMessages() throws {
    // As typed for: mosquitto_pub -t fleet/edge-01/cmd -m '...'
    let command = try Command.decode(utf8(#" { "name": "reboot", "v": 1, "ts": 5, "id": "c-1" } "#))
    #expect(command == (try Command(id: "c-1", ts: 5, name: "reboot")))

    let status = try DeviceStatus.decode(
        utf8(
            """
            {"v":1,
             "state": "online", "device": "edge-01", "seq": 1, "ts": 2, "runtimeVersion": "1.0",
             "activeModel": {"version": 3, "name": "m"}, "unknownFutureField": [1, 2]}
            """
        )
    )
    #expect(status.activeModel == (try ModelReference(name: "m", version: 3)))
    #expect(status.activeSlot == nil)

    let event = try DeviceEvent.decode(
        utf8(#"{"v":1,"device":"edge-01","seq":1,"ts":2,"kind":"drift.flag","severity":"error","message":"psi 0.3"}"#)
    )
    #expect(event.fields.isEmpty)
    #expect(event.commandID == nil)

    let desired = try DesiredState.decode(utf8(#"{"v":1,"device":"edge-01","revision":1,"ts":2}"#))
    #expect(desired.model == nil)
    #expect(desired.config.isEmpty)
}

/// JSON messages with one thing wrong, and the code each must give.
private let badJSONMessages: [(JSONCodec, String, WireError.Code)] = [
    (.status, "", .truncated),
    (.status, #"{"v":1,"device":"edge-01""#, .truncated),
    (.status, "[]", .malformed),
    (.status, "null", .malformed),
    (.status, #"{"v":1}"#, .malformed),
    (.status, #"{"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":"1"}"#, .malformed),
    (.status, #"{"v":1.5,"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":"1"}"#, .malformed),
    (.status, #"{"v":2,"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":"1"}"#, .unsupportedVersion),
    (.status, #"{"v":-1}"#, .unsupportedVersion),
    (.status, #"{"v":1,"device":"a/b","seq":1,"ts":2,"state":"online","runtimeVersion":"1"}"#, .invalidField),
    (.status, #"{"v":1,"device":"","seq":1,"ts":2,"state":"online","runtimeVersion":"1"}"#, .invalidField),
    (.status, #"{"v":1,"device":"d","seq":1,"ts":-2,"state":"online","runtimeVersion":"1"}"#, .invalidField),
    (.status, #"{"v":1,"device":"d","seq":1,"ts":2,"state":"asleep","runtimeVersion":"1"}"#, .invalidField),
    (.status, #"{"v":1,"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":""}"#, .invalidField),
    (
        .status, #"{"v":1,"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":"1","activeSlot":"C"}"#,
        .invalidField
    ),
    (
        .status,
        #"{"v":1,"device":"d","seq":1,"ts":2,"state":"online","runtimeVersion":"1","activeModel":{"name":"","version":1}}"#,
        .invalidField
    ),
    (.status, #"{"v":1,"device":"d","seq":"1","ts":2,"state":"online","runtimeVersion":"1"}"#, .malformed),
    (.status, #"{"v":1,"device":"d","seq":null,"ts":2,"state":"online","runtimeVersion":"1"}"#, .malformed),
    (.event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"k","severity":"fatal","message":""}"#, .invalidField),
    (.event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"","severity":"info","message":""}"#, .invalidField),
    (
        .event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"k","severity":"info","message":"","commandID":""}"#,
        .invalidField
    ),
    (
        .event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"k","severity":"info","message":"","fields":{"a":1}}"#,
        .malformed
    ),
    (
        .event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"k","severity":"info","message":"","fields":{"":"x"}}"#,
        .invalidField
    ),
    (.event, #"{"v":1,"device":"d","seq":1,"ts":2,"kind":"k","severity":"info"}"#, .malformed),
    (.desired, #"{"v":1,"device":"d","ts":2}"#, .malformed),
    (.desired, #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"size":1}}"#, .malformed),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"sha256":"\#(Fixtures.sha.uppercased())","size":1}}"#,
        .invalidField
    ),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"sha256":"\#(Fixtures.sha.dropLast())","size":1}}"#,
        .invalidField
    ),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"sha256":"\#(Fixtures.sha.dropLast())g","size":1}}"#,
        .invalidField
    ),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"sha256":"\#(Fixtures.sha)","size":0}}"#,
        .invalidField
    ),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":1,"sha256":"\#(Fixtures.sha)","size":-1}}"#,
        .malformed
    ),
    (
        .desired,
        #"{"v":1,"device":"d","revision":1,"ts":2,"model":{"name":"m","version":4294967296,"sha256":"\#(Fixtures.sha)","size":1}}"#,
        .malformed
    ),
    (.command, #"{"v":1,"id":"","ts":2,"name":"reboot"}"#, .invalidField),
    (.command, #"{"v":1,"id":"\#(String(repeating: "i", count: 65))","ts":2,"name":"reboot"}"#, .invalidField),
    (.command, #"{"v":1,"id":"a\nb","ts":2,"name":"reboot"}"#, .invalidField),
    (.command, #"{"v":1,"id":"c","ts":2,"name":"re boot"}"#, .invalidField),
    (.command, #"{"v":1,"id":"c","ts":2,"name":"reboot","args":["x"]}"#, .malformed),
    (.command, #"{"v":1,"id":"c","ts":2,"name":"reboot"} {"#, .malformed),
    (.command, #"{"v":1,"id":"c","ts":2,"name":"reboot""#, .truncated),
    (.command, #"{"v":1,"id":"c\"#, .truncated),
]

@Test(arguments: badJSONMessages)
func rejectsBadJSONMessages(codec: JSONCodec, json: String, expected: WireError.Code) {
    #expect(codec.code(decoding: utf8(json)) == expected)
}

@Test(arguments: JSONCodec.allCases)
func rejectsOversizedJSONBeforeParsing(codec: JSONCodec) {
    let huge = utf8(#"{"v":1,"pad":""#) + [UInt8](repeating: 0x61, count: codec.maxBytes) + utf8(#""}"#)
    #expect(codec.code(decoding: huge) == .oversized)
}

@Test func mapLimitsAreEnforced() {
    let tooMany = Dictionary(uniqueKeysWithValues: (0..<65).map { ("k\($0)", "v") })
    let longValue = ["k": String(repeating: "v", count: 1025)]
    let longKey = [String(repeating: "k", count: 129): "v"]
    for map in [tooMany, longValue, longKey] {
        #expect(
            wireErrorCode { () throws(WireError) in try Command(id: "c", ts: 0, name: "n", args: map) } == .invalidField
        )
        #expect(
            wireErrorCode { () throws(WireError) in
                try DesiredState(device: Fixtures.device, revision: 0, ts: 0, model: nil, config: map)
            } == .invalidField
        )
    }
    let longMessage = String(repeating: "m", count: 4097)
    #expect(
        wireErrorCode { () throws(WireError) in
            try DeviceEvent(device: Fixtures.device, seq: 0, ts: 0, kind: "k", severity: .info, message: longMessage)
        } == .invalidField
    )
}
