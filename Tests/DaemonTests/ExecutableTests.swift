import Foundation
import HubCore
import TestSupport
import Testing
import WireProtocol

/// A config file that `edge run` must refuse before doing anything.
struct RefusedFile: Sendable, CustomTestStringConvertible {
    let label: String
    let yaml: String
    /// The key the one-line error must name.
    let key: String

    var testDescription: String { label }
}

@Suite(
    "The edge and hub executables",
    .enabled(if: BuiltExecutable.daemonsBuilt, "edge and hub are not built next to the test binary; run swift build")
)
struct ExecutableTests {
    @Test(arguments: [
        RefusedFile(label: "unknown key", yaml: "device:\n  id: d1\nmqtt:\n  hots: broker\n", key: "mqtt.hots"),
        RefusedFile(label: "bad value", yaml: "device:\n  id: d1\nmqtt:\n  port: many\n", key: "mqtt.port"),
        // A bad value is found while reading, before unknown keys are looked for.
        RefusedFile(
            label: "unknown key and bad value",
            yaml: "device:\n  id: d1\n  colour: red\nstatus:\n  heartbeat: often\n",
            key: "status.heartbeat"
        ),
    ])
    func edgeRunRefusesBadConfigWithOneLine(_ file: RefusedFile) async throws {
        let directory = try TemporaryDirectory(prefix: "edge-config")
        defer { directory.remove() }
        let path = try directory.write("bad.yaml", file.yaml)
        let edge = try ChildProcess(try #require(BuiltExecutable.path("edge")), ["run", "--config", path])
        #expect(try await edge.exitStatus() == 2)
        let lines = edge.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(edge.standardError)")
        #expect(lines.first?.hasPrefix("edge: configuration error: \(path):") == true, "\(edge.standardError)")
        #expect(lines.first?.contains("\"\(file.key)\"") == true || lines.first?.contains("\(file.key):") == true)
        #expect(edge.standardOutput.isEmpty)
    }

    @Test func hubKeysInitCreatesAPrivateKeyOnceAndNeverOverwritesIt() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-keys")
        defer { directory.remove() }
        let hub = try #require(BuiltExecutable.path("hub"))
        let arguments = ["keys", "init", "--set", "keys.dir=\(directory.file("keys"))"]
        let first = try ChildProcess(hub, arguments)
        #expect(try await first.exitStatus() == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("key id "))
        let key = try String(contentsOfFile: directory.file("keys/update-signing.key"), encoding: .utf8)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("keys/update-signing.key"))[
            .posixPermissions
        ]
        #expect(mode as? Int == 0o600)

        let second = try ChildProcess(hub, arguments)
        #expect(try await second.exitStatus() == 1)
        #expect(second.standardError.contains("refusing to overwrite"), "\(second.standardError)")
        #expect(try String(contentsOfFile: directory.file("keys/update-signing.key"), encoding: .utf8) == key)
    }

    @Test func hubModelsCommandsShowPromoteAndAudit() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-models")
        defer { directory.remove() }
        let database = directory.file("hub.sqlite")
        let store = try HubStore(path: database)
        for version in UInt32(1)...2 {
            try store.register(
                ModelCandidate(
                    name: "bearing",
                    version: version,
                    artifact: [UInt8(version)],
                    metrics: ["accuracy": 0.9],
                    lineage: ModelLineage()
                ),
                actor: "test",
                now: 1,
                signer: nil
            )
        }
        let hub = try #require(BuiltExecutable.path("hub"))
        func run(_ arguments: [String]) async throws -> ChildProcess {
            let child = try ChildProcess(hub, arguments + ["--set", "storage.path=\(database)"])
            _ = try await child.exitStatus()
            return child
        }
        let promote = try await run(["models", "promote", "bearing", "2", "--alias", "canary", "--actor", "ops"])
        #expect(promote.standardOutput == "bearing canary -> 2\n", "\(promote.standardError)")
        let list = try await run(["models", "list"])
        #expect(list.standardOutput.split(separator: "\n").count == 3)
        #expect(list.standardOutput.contains("canary"))
        let show = try await run(["models", "show", "bearing", "canary", "--json"])
        let details = try JSONDecoder().decode(ModelDetails.self, from: Data(show.standardOutput.utf8))
        #expect(details.model.version == 2)
        let audit = try await run(["models", "audit", "bearing", "--json"])
        let log = try JSONDecoder().decode([RegistryAuditEntry].self, from: Data(audit.standardOutput.utf8))
        #expect(log.last?.actor == "ops")
        let missing = try await run(["models", "show", "pump"])
        #expect(missing.standardError == "hub: unknownModel: no model named pump\n")
    }

    @Test func edgeModelsInstallChecksTheArtifactAndRefusesRollbacks() async throws {
        let directory = try TemporaryDirectory(prefix: "edge-models")
        defer { directory.remove() }
        let edge = try #require(BuiltExecutable.path("edge"))
        let common = ["--set", "device.id=d1", "--set", "state.dir=\(directory.file("state"))"]
        func run(_ arguments: [String]) async throws -> (status: Int32?, child: ChildProcess) {
            let child = try ChildProcess(edge, arguments + common)
            return (try await child.exitStatus(), child)
        }
        let good = directory.file("bearing-2.edgemodel")
        try Data(try TestModel.artifact(version: 2, pipeline: .vibrationDefault)).write(to: URL(fileURLWithPath: good))
        let older = directory.file("bearing-1.edgemodel")
        try Data(try TestModel.artifact(version: 1, pipeline: .vibrationDefault)).write(to: URL(fileURLWithPath: older))
        let garbage = try directory.write("garbage.edgemodel", "EDGEMODL and nothing else")

        let installed = try await run(["models", "install", good])
        #expect(installed.status == 0, "\(installed.child.standardError)")
        #expect(installed.child.standardOutput == "installed bearing@2 in slot a, now active\n")
        let rollback = try await run(["models", "install", older])
        #expect(rollback.status == 1)
        #expect(rollback.child.standardError.contains("not above the trusted version 2"))
        let broken = try await run(["models", "install", garbage])
        #expect(broken.status == 1)
        #expect(broken.child.standardError.contains("invalidArtifact"), "\(broken.child.standardError)")
        let listed = try await run(["models"])
        #expect(listed.child.standardOutput.hasPrefix("active:  bearing@2 in slot a"), "\(listed.child.standardOutput)")
        #expect(listed.child.standardOutput.contains("standby: none"))
    }

    @Test(arguments: ["edge", "hub"])
    func refusesAMissingConfigFile(_ program: String) async throws {
        let path = "/nonexistent-\(uniqueID("dir"))/\(program).yaml"
        let command = program == "edge" ? "run" : "serve"
        let child = try ChildProcess(try #require(BuiltExecutable.path(program)), [command, "--config", path])
        #expect(try await child.exitStatus() == 2)
        let lines = child.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(child.standardError)")
        #expect(lines.first?.hasPrefix("\(program): configuration error: \(path)") == true, "\(child.standardError)")
    }

    @Test func hubDevicesPrintsAnEmptyJSONListForAFreshDatabase() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-devices")
        defer { directory.remove() }
        let hub = try ChildProcess(
            try #require(BuiltExecutable.path("hub")),
            ["devices", "--json", "--set", "storage.path=\(directory.file("hub.sqlite"))"]
        )
        #expect(try await hub.exitStatus() == 0)
        // Pretty-printed, an empty list comes out as "[", a blank line and "]": compare the JSON, not the text.
        let json = try JSONSerialization.jsonObject(with: Data(hub.standardOutput.utf8))
        #expect((json as? [Any])?.isEmpty == true, "\(hub.standardOutput)")
        #expect(hub.standardError.isEmpty)
    }

    @Test func edgeRunExitsCleanlyOnSIGTERMAndLeavesStatusOffline() async throws {
        let broker = try MosquittoBroker()
        let state = try TemporaryDirectory(prefix: "edge-sigterm")
        defer { state.remove() }
        let device = try DeviceID(uniqueID("cli"))
        let statusTopic = Topics().topic(.status, for: device)
        let observer = try await Observer.connect(port: broker.port, filters: [statusTopic])
        let edge = try ChildProcess(
            try #require(BuiltExecutable.path("edge")),
            [
                "run", "--set", "device.id=\(device.rawValue)", "--set", "mqtt.port=\(broker.port)",
                "--set", "state.dir=\(state.file("state"))", "--set", "log.level=warning",
            ]
        )
        let online = try #require(
            await observer.nextStatus(on: statusTopic, state: .online),
            "no online status; edge stderr: \(edge.standardError)"
        )

        edge.send(SIGTERM)
        #expect(try await edge.exitStatus(within: .seconds(5)) == 0, "\(edge.standardError)")
        await observer.close()

        let late = try await Observer.connect(port: broker.port, filters: [statusTopic])
        let retained = try #require(await late.next { _ in true })
        let status = try DeviceStatus.decode(retained.payload)
        #expect(retained.retain)
        #expect(status.state == .offline)
        #expect(status.seq > online.seq)
        await late.close()
    }

    @Test func edgeRunExitsCleanlyOnSIGTERMWhileTheBrokerIsDown() async throws {
        let port = try MosquittoBroker.freePort()
        let state = try TemporaryDirectory(prefix: "edge-nobroker")
        defer { state.remove() }
        let edge = try ChildProcess(
            try #require(BuiltExecutable.path("edge")),
            [
                "run", "--set", "device.id=\(uniqueID("cli"))", "--set", "mqtt.port=\(port)", "--set",
                "state.dir=\(state.path)",
            ]
        )
        // Its signal handlers are in place once the daemon runs, which it logs when its first attempt fails.
        #expect(try await eventually { edge.standardError.contains("broker unreachable, retrying") })
        edge.send(SIGTERM)
        #expect(try await edge.exitStatus(within: .seconds(5)) == 0, "\(edge.standardError)")
    }
}
