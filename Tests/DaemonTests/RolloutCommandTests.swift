import HubCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// `hub rollout start|status|abort` and `hub desired set` against a database, through the built `hub` binary.
@Suite("Rollout commands")
struct RolloutCommandTests {
    @Test(.enabled(if: BuiltExecutable.daemonsBuilt, "edge and hub executables are not built"))
    func startStatusAbortAndDesiredThroughTheDatabase() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-rollout-cli")
        defer { directory.remove() }
        let database = directory.file("hub.sqlite")
        let store = try HubStore(path: database)
        let key = try SigningKeyPair.create(in: directory.file("keys"))
        try store.register(
            ModelCandidate(name: "bearing", version: 2, artifact: [2], metrics: [:], lineage: .init()),
            actor: "test",
            now: 1,
            signer: key
        )
        try store.record(
            statuses: try (0..<20).map { index in
                try DeviceStatus(device: DeviceID("d\(index)"), seq: 1, ts: 1, state: .online, runtimeVersion: "1")
            },
            events: [],
            receivedAt: 1
        )
        #expect(try store.devices().count == 20)
        func hub(_ arguments: [String]) async throws -> (status: Int32?, child: ChildProcess) {
            let child = try ChildProcess(
                try #require(BuiltExecutable.path("hub")),
                arguments + ["--set", "storage.path=\(database)"]
            )
            return (try await child.exitStatus(), child)
        }

        let none = try await hub(["rollout", "status"])
        #expect(none.status == 1)
        #expect(none.child.standardError.contains("noRollout"))
        let unknown = try await hub(["rollout", "start", "--model", "bearing", "--version", "9"])
        #expect(unknown.status == 1)
        #expect(unknown.child.standardError.contains("unknownVersion"), "\(unknown.child.standardError)")
        let badWaves = try await hub(["rollout", "start", "--model", "bearing", "--version", "2", "--waves", "1,0%"])
        #expect(badWaves.status == 1)
        #expect(badWaves.child.standardError.contains("invalidPlan"))
        let badGate = try await hub([
            "rollout", "start", "--model", "bearing", "--version", "2", "--min-accuracy", "1.5",
        ])
        #expect(badGate.status == 1)
        #expect(badGate.child.standardError.contains("invalidPlan"), "\(badGate.child.standardError)")

        let started = try await hub([
            "rollout", "start", "--model", "bearing", "--version", "2", "--waves", "2,50%", "--max-error-rate", "0.05",
            "--min-accuracy", "0.8", "--max-accuracy-drop", "0.02", "--min-gate-samples", "30",
        ])
        #expect(started.status == 0, "\(started.child.standardError)")
        #expect(started.child.standardOutput == "rollout 1: bearing@2 to 20 devices in waves of [2, 18]\n")
        let plan = try #require(try store.currentRollout()).controller.plan
        #expect(plan.maxErrorRate == 0.05 && plan.minAccuracy == 0.8 && plan.maxAccuracyDrop == 0.02)
        #expect(plan.minGateSamples == 30)
        let again = try await hub(["rollout", "start", "--model", "bearing", "--version", "2"])
        #expect(again.child.standardError.contains("alreadyRunning"))
        let aborted = try await hub(["rollout", "abort", "--reason", "operator test"])
        #expect(aborted.status == 0)
        #expect(try store.currentRollout()?.abortRequested == "operator test")

        let desired = try await hub(["desired", "set", "--device", "d3", "--model", "bearing", "--version", "2"])
        #expect(desired.status == 0, "\(desired.child.standardError)")
        let state = try #require(try store.desired(device: DeviceID("d3")))
        #expect(state.model?.version == 2)
        #expect(state.model?.isSigned == true)
        let badDevice = try await hub(["desired", "set", "--device", "a/b", "--model", "bearing", "--version", "2"])
        #expect(badDevice.child.standardError.contains("invalidName"))
    }
}
