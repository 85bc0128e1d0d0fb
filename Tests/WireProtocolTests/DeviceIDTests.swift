import FoundationEssentials
import Testing
import WireProtocol

@Test(arguments: ["a", "edge-01", "A.b_c-9", String(repeating: "z", count: 64)])
func acceptsValidDeviceIDs(raw: String) throws {
    #expect(try DeviceID(raw).rawValue == raw)
    #expect(DeviceID(validating: raw)?.rawValue == raw)
}

@Test(arguments: [
    "", String(repeating: "z", count: 65), "a+b", "a#", "a/b", "+", "#", "/", "a b", "é", "a\u{0}", "$SYS", "a:b",
])
func rejectsInvalidDeviceIDs(raw: String) {
    #expect(wireErrorCode { () throws(WireError) in try DeviceID(raw) } == .invalidField)
    #expect(DeviceID(validating: raw) == nil)
}

@Test func deviceIDCodesAsAPlainJSONString() throws {
    let id = try DeviceID("edge-01")
    #expect(String(decoding: try JSONEncoder().encode([id]), as: UTF8.self) == #"["edge-01"]"#)
    #expect(try JSONDecoder().decode([DeviceID].self, from: Data(#"["edge-01"]"#.utf8)) == [id])
    #expect(throws: WireError.self) { try JSONDecoder().decode([DeviceID].self, from: Data(#"["a/b"]"#.utf8)) }
}
