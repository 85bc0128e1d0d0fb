import EdgeModel
import HubCore
import ModelTraining
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

@Suite struct FederatedStoreTests {
    static func store(_ directory: TemporaryDirectory) throws -> HubStore {
        try HubStore(path: directory.file("hub.sqlite"))
    }

    static func update(_ device: String, round: UInt64, base: UInt32 = 1, seq: UInt64 = 1) throws -> FederatedUpdate {
        try FederatedUpdate(
            device: DeviceID(device),
            seq: seq,
            round: round,
            baseVersion: base,
            examples: 3,
            update: [7]
        )
    }

    /// Registers `m`@1 (a raw-input model, no dataset), with float weights when `weights` is true.
    static func register(_ store: HubStore, weights: Bool) throws {
        var random = SplitMix64(seed: 1)
        let network = NetworkInitializer.perceptron(sizes: [4, 3], using: &random)
        let artifact = try network.artifact(ModelMetadata(name: "m", version: 1, labels: ["a", "b", "c"]))
        try store.register(artifact: artifact, actor: "test", now: 1, signer: nil)
        if weights { try store.saveFloatWeights(model: "m", version: 1, artifact: artifact.encoded()) }
    }

    @Test func startRefusesAnUnknownModelMissingWeightsABadPlanAndASecondRun() throws {
        let directory = try TemporaryDirectory(prefix: "fl-store")
        defer { directory.remove() }
        let store = try Self.store(directory)
        #expect(throws: RegistryError.self) { try store.startFederatedRun(FederatedPlan(model: "m"), now: 1) }
        try Self.register(store, weights: false)
        #expect { try store.startFederatedRun(FederatedPlan(model: "m"), now: 1) } throws: {
            ($0 as? FederatedRunError)?.code == .noWeights
        }
        try store.saveFloatWeights(model: "m", version: 1, artifact: [1, 2, 3])
        #expect { try store.startFederatedRun(FederatedPlan(model: "m", rounds: 0), now: 1) } throws: {
            ($0 as? FederatedRunError)?.code == .invalidPlan
        }
        let run = try store.startFederatedRun(FederatedPlan(model: "m"), now: 1)
        #expect(run.machine.firstRoundID == 1 << 32 + 1)
        #expect(try store.currentFederatedRun() == run)
        #expect { try store.startFederatedRun(FederatedPlan(model: "m"), now: 2) } throws: {
            ($0 as? FederatedRunError)?.code == .alreadyRunning
        }
        try store.requestFederatedAbort(reason: "test")
        #expect(try store.currentFederatedRun()?.abortRequested == "test")
        var machine = run.machine
        _ = machine.handle(.abort(reason: "test"))
        try store.saveFederatedRun(id: run.id, machine)
        let second = try store.startFederatedRun(FederatedPlan(model: "m"), now: 3)
        #expect(second.machine.firstRoundID == 2 << 32 + 1)
    }

    @Test func keepsOneUpdatePerDeviceAndRoundAndFiltersByDeadlineAndBase() throws {
        let directory = try TemporaryDirectory(prefix: "fl-store")
        defer { directory.remove() }
        let store = try Self.store(directory)
        #expect(
            try store.recordFederatedUpdates(
                [Self.update("d1", round: 9), Self.update("d2", round: 9)],
                receivedAt: 100
            ) == 2
        )
        #expect(try store.recordFederatedUpdates([Self.update("d1", round: 9, seq: 2)], receivedAt: 150) == 0)
        #expect(try store.recordFederatedUpdates([Self.update("d3", round: 9, base: 0)], receivedAt: 100) == 1)
        #expect(try store.recordFederatedUpdates([Self.update("d4", round: 9)], receivedAt: 300) == 1)
        #expect(try store.recordFederatedUpdates([Self.update("d1", round: 10)], receivedAt: 100) == 1)
        #expect(try store.federatedUpdateDevices(round: 9, baseVersion: 1, by: 200) == ["d1", "d2"])
        let stored = try store.federatedUpdates(round: 9, devices: ["d1", "d5"])
        #expect(stored.map(\.device) == ["d1"])
        #expect(stored.first?.payload == [7] && stored.first?.examples == 3 && stored.first?.receivedMs == 100)
    }

    @Test func servesFloatWeightsInRangesUnderTheirOwnName() throws {
        let directory = try TemporaryDirectory(prefix: "fl-store")
        defer { directory.remove() }
        let store = try Self.store(directory)
        try Self.register(store, weights: true)
        let weights = try #require(try store.floatWeights(model: "m", version: 1))
        #expect(weights.sha256 == ArtifactDigest.sha256(weights.bytes))
        let range = try #require(try store.floatWeightsRange("m.float", version: 1, offset: 10, length: 5))
        #expect(range.total == UInt64(weights.bytes.count) && range.bytes == Array(weights.bytes[10..<15]))
        #expect(try store.floatWeightsRange("m.float", version: 2, offset: 0, length: 5)?.total == nil)
        #expect(try store.artifactRange("m.float", version: 1, offset: 0, length: 5)?.total == nil)
    }
}
