import DaemonSupport
import EdgeCore
import Glibc
import HubCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// The power-loss test with real kills: the built `edge` binary is killed with SIGKILL at random moments while it
/// applies an update from a real hub; after every kill its state holds the old model or the complete new one, and
/// the restarts end on the new one, committed.
@Suite("Update under kill -9")
struct UpdateKillTests {
    @Test(.enabled(if: BuiltExecutable.daemonsBuilt, "edge and hub executables are not built"))
    func killsDuringAnUpdateNeverLeaveABrokenModel() async throws {
        let broker = try MosquittoBroker()
        let hub = try HubUnderTest(broker: broker)
        let keys = hub.directory.file("keys")
        let key = try SigningKeyPair.create(in: keys)
        // Real int8 models (the binary's health check loads them and runs a self-test); v2 is ~100 chunks.
        let v1 = try TestModel.artifact(version: 1, pipeline: nil, inputs: 1_000)
        let v2 = try TestModel.artifact(version: 2, pipeline: nil, inputs: 8_000)
        for (version, artifact) in [(UInt32(1), v1), (2, v2)] {
            try hub.store.register(
                ModelCandidate(name: "bearing", version: version, artifact: artifact, metrics: [:], lineage: .init()),
                actor: "test",
                now: unixMilliseconds(),
                signer: key
            )
        }
        let state = try TemporaryDirectory(prefix: "edge-kill")
        defer { state.remove() }
        let device = try DeviceID(uniqueID("kill"))
        let edgePath = try #require(BuiltExecutable.path("edge"))
        func spawnEdge() throws -> ChildProcess {
            try ChildProcess(
                edgePath,
                [
                    "run", "--set", "device.id=\(device.rawValue)", "--set", "mqtt.port=\(broker.port)",
                    "--set", "state.dir=\(state.file("state"))", "--set", "log.level=warning",
                    "--set", "update.trusted_key=\(keys)/\(SigningKeyPair.publicKeyFile)",
                    "--set", "update.chunk_bytes=1024", "--set", "update.chunk_timeout=1s",
                ]
            )
        }
        /// The model a device booting from the state now would run, checked against its SHA-256.
        func runningVersion() throws -> UInt32? {
            let booting = try EdgeStateStore(directory: state.file("state"))
            let slots = try booting.modelSlots()
            guard let active = slots.active else { return nil }
            let bytes = try booting.loadArtifact(active)
            #expect(bytes == (active.version == 1 ? v1 : v2))
            return active.version
        }

        try await whileRunning(hub.daemon) { () async throws in
            try hub.store.setDesired(device: device, name: "bearing", version: 1, now: unixMilliseconds())
            let first = try spawnEdge()
            #expect(
                try await eventually(within: .seconds(30)) { try hub.record(device.rawValue)?.model == "bearing@1" }
            )
            first.send(SIGKILL)
            _ = try await first.exitStatus()

            try hub.store.setDesired(device: device, name: "bearing", version: 2, now: unixMilliseconds())
            var generator = SplitMix64(seed: 7)
            var seen: Set<UInt32?> = []
            var partials: Set<UInt64> = []
            for _ in 0..<8 {
                let edge = try spawnEdge()
                try await Task.sleep(for: .milliseconds(150 + Int(generator.next() % 600)))
                edge.send(SIGKILL)
                _ = try await edge.exitStatus()
                let version = try runningVersion()
                #expect(version == 1 || version == 2)
                seen.insert(version)
                let partial = try EdgeStateStore(directory: state.file("state")).partialSize(
                    name: "bearing",
                    version: 2
                )
                if partial > 0 { partials.insert(partial) }
            }
            let last = try spawnEdge()
            #expect(
                try await eventually(within: .seconds(60)) { try hub.record(device.rawValue)?.model == "bearing@2" }
            )
            last.send(SIGTERM)
            _ = try await last.exitStatus()
            #expect(seen.contains(1), "every kill came after the update finished: \(seen)")
            // Downloads were cut and resumed: partial files of several sizes were left by the kills.
            #expect(partials.count >= 2, "\(partials)")
        }
        let store = try EdgeStateStore(directory: state.file("state"))
        #expect(try runningVersion() == 2)
        #expect(try store.trustedVersion(of: "bearing") == 2)
        #expect(store.partialSize(name: "bearing", version: 2) == 0)
    }
}
