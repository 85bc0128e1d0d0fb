import DaemonSupport
import EdgeCore
import HubCore
import ServiceLifecycle
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// The error-rate gate end to end: a real broker and hub, ten in-process edges. Every edge that runs version 2 sends
/// predictions of it through its outbox; two devices of the second wave also count errors (malformed commands they
/// reject), which reach the hub in their health telemetry. The rollout aborts in that wave and everyone that took
/// version 2 goes back to version 1; the last wave never sees it.
@Suite("Rollout quality gates across a fleet")
struct RolloutQualityFleetTests {
    static let size = 10

    @Test func aWaveWhoseDevicesErrAbortsAndRollsBack() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker, extraFlags: ["rollout.interval=100ms"])
        let key = try SigningKeyPair.create(in: hub.directory.file("keys"))
        let trusted = "update.trusted_key=\(hub.directory.file("keys"))/\(SigningKeyPair.publicKeyFile)"
        let edges = try (0..<Self.size).map { _ in
            try EdgeUnderTest(broker: broker, heartbeat: "5s", extraFlags: [trusted, "telemetry.health_interval=1s"])
        }.sorted { $0.settings.device.rawValue < $1.settings.device.rawValue }
        try hub.register(1, artifactBytes(1_000, seed: 1), signedBy: key)
        try hub.register(2, artifactBytes(1_000, seed: 2), signedBy: key)
        let daemons = try edges.map { try $0.daemon(selfTest: { _ in .microseconds(50) }) }
        // Waves 2, 60 %, 100 %: devices 0-1, 2-5, 6-9. Devices 2 and 3 err.
        let erring = Set([2, 3].map { edges[$0].settings.device.rawValue })
        let fleet = ServiceGroup(
            configuration: .init(
                services: daemons.map { .init(service: $0) },
                gracefulShutdownSignals: [],
                logger: quietLogger
            )
        )
        func models() throws -> [String: String] {
            try hub.store.devices().reduce(into: [:]) { $0[$1.device] = $1.model ?? "none" }
        }
        try await whileRunning(hub.daemon) { () async throws in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await fleet.run() }
                defer { tasks.cancelAll() }
                #expect(try await eventually(within: .seconds(30)) { try models().count == Self.size })
                for edge in edges {
                    try hub.store.setDesired(
                        device: edge.settings.device,
                        name: "bearing",
                        version: 1,
                        now: unixMilliseconds()
                    )
                }
                #expect(
                    try await eventually(within: .seconds(30)) {
                        try models().values.filter { $0 == "bearing@1" }.count == Self.size
                    }
                )
                let sender = try await Observer.connect(port: broker.port, filters: [])
                tasks.addTask {
                    // What devices running version 2 report while the rollout watches them.
                    while !Task.isCancelled {
                        let running = try models()
                        for (edge, daemon) in zip(edges, daemons)
                        where running[edge.settings.device.rawValue] == "bearing@2" {
                            try daemon.outbox.record(
                                Array(
                                    repeating: .prediction(
                                        .init(
                                            modelName: "bearing",
                                            modelVersion: 2,
                                            label: "normal",
                                            score: 0.9,
                                            latencyMicros: 40
                                        )
                                    ),
                                    count: 5
                                )
                            )
                            guard erring.contains(edge.settings.device.rawValue) else { continue }
                            for _ in 0..<3 {
                                try await sender.publish(Array("{not json".utf8), on: edge.topic(.command))
                            }
                        }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                try hub.store.startRollout(
                    try RolloutPlan(
                        model: "bearing",
                        version: 2,
                        waves: try ["2", "60%", "100%"].map { try RolloutPlan.WaveSize(parsing: $0) },
                        maxFailureRate: 0.5,
                        minHealthyMs: 3_000,
                        maxErrorRate: 0.1,
                        minGateSamples: 20
                    ),
                    now: unixMilliseconds()
                )
                let finished = try await eventually(within: .seconds(60)) {
                    try hub.store.currentRollout()?.controller.isFinished == true
                }
                let controller = try #require(try hub.store.currentRollout()).controller
                #expect(finished, "\(controller.status)")
                guard case .aborted(let reason) = controller.status else {
                    Issue.record("not aborted: \(controller.status)")
                    return
                }
                #expect(reason.hasPrefix("error rate"), "\(reason)")
                #expect(reason.contains("in wave 2"), "\(reason)")
                #expect(controller.counts[.waiting] == 4)
                #expect(controller.gateLines().count == 2)
                let allBack = try await eventually(within: .seconds(30)) {
                    try models().values.filter { $0 == "bearing@1" }.count == Self.size
                }
                #expect(allBack, "\((try? models()) ?? [:])")
                await sender.close()
                await fleet.triggerGracefulShutdown()
            }
        }
        #expect(hub.rejected == 0)
    }
}
