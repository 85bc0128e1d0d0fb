import HubCore
import ModelTraining
import SQLiteStorage
import TestSupport
import Testing
import UpdateSigning

@Suite("Registering trained artifacts")
struct RegistryArtifactTests {
    let directory: TemporaryDirectory
    let store: HubStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "registry-artifacts")
        store = try HubStore(path: directory.file("hub.sqlite"))
    }

    private func trainedBytes(version: Int) throws -> [UInt8] {
        var config = TrainingConfig()
        config.hidden = [8]
        config.epochs = 2
        let windows = try SyntheticWindows.make(perClass: 10, seed: 1)
        return try WindowTraining.train(windows, datasetHash: "h", name: "sines", version: version, config: config)
            .artifact.encoded()
    }

    @Test func registersAnArtifactUnderItsManifestAndDetectsCorruptionOnDisk() throws {
        let keys = try SigningKeyPair.create(in: directory.file("keys"))
        let bytes = try trainedBytes(version: 1)
        let model = try store.register(artifactBytes: bytes, actor: "test", now: 5, signer: keys)
        #expect((model.name, model.version, model.signed) == ("sines", 1, true))
        #expect(model.lineage.datasetHash == "h")
        #expect(model.metrics["int8_accuracy"] != nil)
        #expect(try store.verifiedArtifact("sines", version: 1).bytes == bytes)
        let database = try SQLiteDatabase(path: directory.file("hub.sqlite"))
        try database.write { connection in
            _ = try connection.run("UPDATE model_versions SET artifact = x'45444745' WHERE name = 'sines'")
        }
        #expect(throws: RegistryError.self) { try store.verifiedArtifact("sines", version: 1) }
        do {
            _ = try store.verifiedArtifact("sines", version: 1)
        } catch let error as RegistryError {
            #expect(error.code == .corruptArtifact)
        }
    }

    @Test func refusesBytesThatAreNoArtifactAndVersionsThatDoNotIncrease() throws {
        do {
            try store.register(artifactBytes: Array("not a model".utf8), actor: "t", now: 1, signer: nil)
            Issue.record("garbage was registered")
        } catch let error as RegistryError {
            #expect(error.code == .invalidArtifact)
        }
        try store.register(artifactBytes: try trainedBytes(version: 2), actor: "t", now: 1, signer: nil)
        do {
            try store.register(artifactBytes: try trainedBytes(version: 2), actor: "t", now: 2, signer: nil)
            Issue.record("version 2 was registered twice")
        } catch let error as RegistryError {
            #expect(error.code == .versionNotIncreasing)
        }
    }

    @Test func concurrentRegistrationsKeepVersionsStrictlyIncreasing() async throws {
        let path = directory.file("hub.sqlite")
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let store = try HubStore(path: path)
                    var registered = 0
                    for attempt in 0..<10 {
                        let next = (try store.latestVersion(of: "race") ?? 0) + 1
                        let candidate = ModelCandidate(
                            name: "race",
                            version: next,
                            artifact: [UInt8(writer), UInt8(attempt)],
                            metrics: [:],
                            lineage: ModelLineage()
                        )
                        if (try? store.register(candidate, actor: "w\(writer)", now: 1, signer: nil)) != nil {
                            registered += 1
                        }
                    }
                    return registered > 0
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.contains(true))
        let versions = try store.models().filter { $0.name == "race" }.map(\.version)
        #expect(versions == versions.sorted(by: >))
        #expect(Set(versions).count == versions.count)
        let audit = try store.auditLog(of: "race").compactMap(\.version)
        #expect(audit == audit.sorted())
        #expect(audit.count == versions.count)
    }
}
