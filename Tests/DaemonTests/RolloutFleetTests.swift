import DaemonSupport
import EdgeCore
import HubCore
import ServiceLifecycle
import TestSupport
import Testing
import UpdateSigning

/// A staged rollout through a real broker and hub to 50 in-process edge daemons, each with its own state store.
@Suite("Rollout to a fleet")
struct RolloutFleetTests {
    static let size = 50

    let broker: MosquittoBroker
    let hub: HubUnderTest
    let key: SigningKeyPair
    let edges: [EdgeUnderTest]

    init() throws {
        broker = try MosquittoBroker()
        hub = try HubUnderTest(broker: broker, extraFlags: ["rollout.interval=100ms"])
        key = try SigningKeyPair.create(in: hub.directory.file("keys"))
        let trusted = "update.trusted_key=\(hub.directory.file("keys"))/\(SigningKeyPair.publicKeyFile)"
        let broker = broker
        edges = try (0..<Self.size).map { _ in
            try EdgeUnderTest(broker: broker, heartbeat: "5s", extraFlags: [trusted])
        }.sorted { $0.settings.device.rawValue < $1.settings.device.rawValue }
    }

    /// Devices per model the hub sees in their statuses.
    func models() throws -> [String: Int] {
        try hub.store.devices().reduce(into: [:]) { $0[$1.model ?? "none", default: 0] += 1 }
    }

    func rollOut(_ version: UInt32) throws {
        try hub.store.startRollout(
            try RolloutPlan(
                model: "bearing",
                version: version,
                waves: try ["1", "10%", "50%", "100%"].map { try RolloutPlan.WaveSize(parsing: $0) },
                maxFailureRate: 0.1,
                minHealthyMs: 200
            ),
            now: unixMilliseconds()
        )
    }

    @Test func aGoodVersionReachesAllAndAFailingOneIsAbortedWithinItsWave() async throws {
        let v3 = Array("V3".utf8) + artifactBytes(2_000, seed: 3)
        try hub.register(1, artifactBytes(2_000, seed: 1), signedBy: key)
        try hub.register(2, artifactBytes(2_000, seed: 2), signedBy: key)
        try hub.register(3, v3, signedBy: key)
        // Wave 3 holds devices 5...24 (sorted); ten of them fail version 3's self-test.
        let fragile = Set(edges[10..<20].map { $0.settings.device.rawValue })
        let daemons = try edges.map { edge in
            let failing = fragile.contains(edge.settings.device.rawValue)
            return try edge.daemon(selfTest: { artifact in
                guard !(failing && artifact.starts(with: Array("V3".utf8))) else {
                    throw UpdateHarness.SelfTestFailure()
                }
                return .microseconds(50)
            })
        }
        let fleet = ServiceGroup(
            configuration: .init(
                services: daemons.map { .init(service: $0) },
                gracefulShutdownSignals: [],
                logger: quietLogger
            )
        )
        try await whileRunning(hub.daemon) { () async throws in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await fleet.run() }
                defer { tasks.cancelAll() }
                #expect(try await eventually(within: .seconds(60)) { try models()["none"] == Self.size })
                for edge in edges {
                    try hub.store.setDesired(
                        device: edge.settings.device,
                        name: "bearing",
                        version: 1,
                        now: unixMilliseconds()
                    )
                }
                #expect(try await eventually(within: .seconds(60)) { try models()["bearing@1"] == Self.size })

                try rollOut(2)
                #expect(try await eventually(within: .seconds(60)) { try models()["bearing@2"] == Self.size })
                #expect(try await eventually { try hub.store.currentRollout()?.controller.status == .completed })

                try rollOut(3)
                #expect(
                    try await eventually(within: .seconds(60)) {
                        try hub.store.currentRollout()?.controller.isFinished == true
                    }
                )
                let aborted = try #require(try hub.store.currentRollout()).controller
                guard case .aborted = aborted.status else {
                    Issue.record("rollout of version 3 not aborted: \(aborted.status)")
                    return
                }
                // Everyone is back on version 2: the fragile ones by their own health check, the others by the
                // rollout's rollback command; the last wave never saw version 3.
                let allBack = try await eventually(within: .seconds(60)) { try models()["bearing@2"] == Self.size }
                #expect(allBack, "\((try? models()) ?? [:])")
                #expect(aborted.counts[.waiting] == 25)
                for edge in edges[25...] {
                    #expect(try hub.store.desired(device: edge.settings.device)?.model?.version == 2)
                }
                await fleet.triggerGracefulShutdown()
            }
        }
        #expect(hub.rejected == 0)
    }
}
