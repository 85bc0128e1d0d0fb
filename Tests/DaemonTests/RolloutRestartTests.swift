import DaemonSupport
import HubCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// A rollout's state lives in the hub's database: a hub stopped in the middle of a rollout and started again on the
/// same file carries on from the wave it was in.
@Suite("Rollout across a hub restart")
struct RolloutRestartTests {
    @Test func aRestartedHubCarriesOnWithTheNextWave() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker, extraFlags: ["rollout.interval=100ms"])
        let key = try SigningKeyPair.create(in: hub.directory.file("keys"))
        for version in UInt32(1)...2 {
            try hub.store.register(
                ModelCandidate(
                    name: "bearing",
                    version: version,
                    artifact: [UInt8(version)],
                    metrics: [:],
                    lineage: .init()
                ),
                actor: "test",
                now: 1,
                signer: key
            )
        }
        let devices = try (0..<4).map { try DeviceID("d\($0)") }
        let now = unixMilliseconds()
        try hub.store.record(
            statuses: try devices.map { device in
                try DeviceStatus(
                    device: device,
                    seq: 1,
                    ts: now,
                    state: .online,
                    runtimeVersion: "1",
                    activeModel: try ModelReference(name: "bearing", version: 1)
                )
            },
            events: [],
            receivedAt: now
        )
        let plan = try RolloutPlan(
            model: "bearing",
            version: 2,
            waves: [.devices(1), .percent(100)],
            maxFailureRate: 0,
            minHealthyMs: 0
        )
        try hub.store.startRollout(plan, now: now)
        let desiredVersion = { (device: DeviceID) throws -> UInt32? in
            try hub.store.desired(device: device)?.model?.version
        }

        try await whileRunning(hub.daemon) { () async throws in
            #expect(try await eventually { try desiredVersion(devices[0]) == 2 })
        }
        #expect(try desiredVersion(devices[1]) == nil)
        // While the hub is down, the first device reports its update.
        let committed = try DeviceEvent(
            device: devices[0],
            seq: 2,
            ts: unixMilliseconds(),
            kind: "update.committed",
            severity: .info,
            message: "bearing@2"
        )
        try hub.store.record(statuses: [], events: [committed], receivedAt: unixMilliseconds())

        let restarted = HubDaemon(
            settings: hub.settings,
            store: try HubStore(path: hub.settings.storagePath),
            logger: quietLogger
        )
        try await whileRunning(restarted) { () async throws in
            #expect(try await eventually { try devices[1...].allSatisfy { try desiredVersion($0) == 2 } })
        }
        let rollout = try #require(try hub.store.currentRollout())
        #expect(rollout.controller.status == .updating(wave: 1))
        #expect(rollout.controller.devices[devices[0].rawValue] == .updated)
    }
}
