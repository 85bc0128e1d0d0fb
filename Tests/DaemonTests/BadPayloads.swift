import WireProtocol

/// Payloads no JSON message decoder may accept: a daemon must log and drop each, never stop.
enum BadPayloads {
    /// Empty, not JSON, not UTF-8, not an object, truncated, wrong or malformed version, invalid fields,
    /// oversized; `device` fills the fields that would otherwise be valid.
    static func all(device: DeviceID) -> [[UInt8]] {
        let valid = JSONPayload.status(device: device.rawValue, seq: 1)
        return [
            [],
            Array("not json at all".utf8),
            [0xFF, 0xFE, 0x00, 0x01, 0x80],
            Array("[1, 2, 3]".utf8),
            Array(valid.prefix(valid.count / 2)),
            Array(#"{"v":2,"id":"c-1","ts":1,"name":"ping","device":"\#(device.rawValue)","seq":1}"#.utf8),
            Array(#"{"v":"one","id":"c-1","ts":1,"name":"ping"}"#.utf8),
            Array(#"{"v":1,"id":"c-1","ts":-5,"name":"no spaces allowed","device":"bad/id"}"#.utf8),
            Array(#"{"v":1,"pad":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 1_100_000) + Array(#""}"#.utf8),
        ]
    }
}

/// Hand-written JSON messages, so tests can send what the typed initialisers refuse to build.
enum JSONPayload {
    /// A status of `device`, valid unless the arguments make it invalid.
    static func status(device: String, seq: UInt64, state: String = "online") -> [UInt8] {
        Array(
            #"{"v":1,"device":"\#(device)","seq":\#(seq),"ts":1700000000000,"state":"\#(state)","runtimeVersion":"9.9.9"}"#
                .utf8
        )
    }
}
