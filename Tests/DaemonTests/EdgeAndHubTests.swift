import EdgeCore
import TestSupport
import Testing

@Suite("Edge and hub together")
struct EdgeAndHubTests {
    @Test func hubSeesTheEdgeOnlineThenOffline() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker)
        let device = edge.settings.device.rawValue
        try await whileRunning(hub.daemon) {
            let onlineSeq = try await whileRunning(try edge.daemon()) {
                #expect(try await eventually { try hub.record(device)?.state == "online" })
                return try hub.record(device)?.lastSeq ?? 0
            }
            #expect(try await eventually { try hub.record(device)?.state == "offline" })
            let offline = try #require(try hub.record(device))
            #expect(offline.lastSeq > onlineSeq)
            #expect(offline.runtimeVersion == EdgeDaemon.runtimeVersion)
        }
        #expect(hub.rejected == 0)
    }
}
