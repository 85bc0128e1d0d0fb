import EdgeCore
import Glibc
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

    @Test(.enabled(if: BuiltExecutable.daemonsBuilt, "edge and hub executables are not built"))
    func hubSeesACrashedEdgeGoOfflineThroughItsWill() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let state = try TemporaryDirectory(prefix: "edge-crash")
        defer { state.remove() }
        let device = uniqueID("crash")
        try await whileRunning(hub.daemon) {
            let edge = try ChildProcess(
                try #require(BuiltExecutable.path("edge")),
                [
                    "run", "--set", "device.id=\(device)", "--set", "mqtt.port=\(broker.port)",
                    "--set", "state.dir=\(state.file("state"))", "--set", "log.level=warning",
                    // The broker notices the dead socket at once, or after 1.5 × keepalive at the latest.
                    "--set", "mqtt.keepalive=5s",
                ]
            )
            #expect(try await eventually { try hub.record(device)?.state == "online" }, "\(edge.standardError)")
            let online = try #require(try hub.record(device))
            edge.send(SIGKILL)
            _ = try await edge.exitStatus()
            // The will carries the seq reserved at start, older than the online status: the session pairs them.
            #expect(try await eventually(within: .seconds(15)) { try hub.record(device)?.state == "offline" })
            #expect(try hub.record(device)?.lastSeq == online.lastSeq)
        }
        #expect(hub.rejected == 0)
    }

    @Test func edgeShutsDownPromptlyAfterTheBrokerVanished() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let edge = try EdgeUnderTest(broker: broker)
        let device = edge.settings.device.rawValue
        let started = ContinuousClock.now
        try await whileRunning(try edge.daemon()) {
            let sawOnline = try await whileRunning(hub.daemon) {
                try await eventually { try hub.record(device)?.state == "online" }
            }
            #expect(sawOnline)
            broker.kill()
        }
        // The offline announcement cannot be confirmed; it gives up after its 5 s bound instead of waiting forever.
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}
