import Crypto
import EdgeCore
import Testing
import UpdateSigning
import WireProtocol

/// The update state machine with plain inputs: no store, no broker, no clock.
@Suite("Update reconciler")
struct UpdateReconcilerTests {
    static let now: Int64 = 1_800_000_000_000
    let key = SigningKeyPair(privateKey: Curve25519.Signing.PrivateKey())
    let artifact = artifactBytes(2_500)

    var reconciler: UpdateReconciler {
        UpdateReconciler(
            verifier: UpdateVerifier(trusting: [key.publicKey]),
            maxLatency: .milliseconds(10),
            chunkBytes: 1_024
        )
    }

    func installed(_ version: UInt32, _ slot: ModelSlot) -> InstalledModel {
        InstalledModel(slot: slot, name: "bearing", version: version, sha256: "", size: 1, installedMs: 0)
    }

    func chunk(_ offset: Int, _ count: Int, total: Int? = nil) throws -> ArtifactChunk {
        try ArtifactChunk(
            status: .ok,
            requestSeq: 1,
            name: "bearing",
            version: 2,
            totalLength: UInt64(total ?? artifact.count),
            offset: UInt64(offset),
            data: Array(artifact[offset..<offset + count])
        )
    }

    var runningV1: UpdateReconciler.Local {
        .init(slots: ModelSlots(active: installed(1, .a), standby: nil), trustedVersion: 1)
    }

    @Test func aGoodUpdateGoesThroughEveryStepInOrder() throws {
        var machine = reconciler
        let model = desiredModel("bearing", 2, artifact, signedBy: key, expires: Self.now + 1)
        let start = machine.handle(.desired(model, runningV1, now: Self.now))
        #expect(start.count == 3)
        #expect(start.last == .request(name: "bearing", version: 2, offset: 0, length: 1_024))
        #expect(
            machine.handle(.chunk(try chunk(0, 1_024))) == [
                .appendPartial(name: "bearing", version: 2, data: Array(artifact[0..<1_024])),
                .request(name: "bearing", version: 2, offset: 1_024, length: 1_024),
            ]
        )
        _ = machine.handle(.chunk(try chunk(1_024, 1_024)))
        // The last request asks for the 452 bytes left, not a full chunk.
        #expect(machine.phase == .downloading(try #require(phaseManifest(machine)), received: 2_048))
        let last = machine.handle(.chunk(try chunk(2_048, 452)))
        #expect(last.last == .readPartial(name: "bearing", version: 2))
        #expect(
            machine.handle(.downloaded(artifact, now: Self.now)) == [
                .stage(name: "bearing", version: 2, artifact: artifact)
            ]
        )
        let staged = installed(2, .b)
        let switched = machine.handle(.staged(staged, previous: .a))
        #expect(switched.contains(.activate(.b)))
        #expect(switched.last == .checkHealth(staged))
        let committed = machine.handle(.healthChecked(.success(.milliseconds(3))))
        #expect(committed.contains(.trust(name: "bearing", version: 2)))
        #expect(machine.phase == .idle)
    }

    @Test func aLateChunkIsIgnoredAndASilentHubIsAskedAgain() throws {
        var machine = reconciler
        _ = machine.handle(
            .desired(
                desiredModel("bearing", 2, artifact, signedBy: key, expires: Self.now + 1),
                runningV1,
                now: Self.now
            )
        )
        _ = machine.handle(.chunk(try chunk(0, 1_024)))
        #expect(machine.handle(.chunk(try chunk(0, 1_024))).isEmpty)
        #expect(machine.handle(.chunkTimedOut) == [.request(name: "bearing", version: 2, offset: 1_024, length: 1_024)])
    }

    @Test func aModelSlowerThanTheBoundRollsBack() throws {
        var machine = reconciler
        _ = machine.handle(
            .desired(
                desiredModel("bearing", 2, artifact, signedBy: key, expires: Self.now + 1),
                runningV1,
                now: Self.now
            )
        )
        for offset in stride(from: 0, to: artifact.count, by: 1_024) {
            _ = machine.handle(.chunk(try chunk(offset, min(1_024, artifact.count - offset))))
        }
        _ = machine.handle(.downloaded(artifact, now: Self.now))
        _ = machine.handle(.staged(installed(2, .b), previous: .a))
        let actions = machine.handle(.healthChecked(.success(.milliseconds(11))))
        #expect(actions.contains(.activate(.a)))
        #expect(actions.contains(.markFailed(name: "bearing", version: 2)))
        #expect(!actions.contains(.trust(name: "bearing", version: 2)))
    }

    @Test func anUncommittedSwitchIsCheckedAgainAtStart() {
        var machine = reconciler
        let slots = ModelSlots(active: installed(2, .b), standby: installed(1, .a))
        #expect(machine.handle(.started(slots, uncommitted: true)) == [.checkHealth(installed(2, .b))])
        #expect(machine.handle(.healthChecked(.failure(.init("no load")))).contains(.activate(.a)))
        var committed = reconciler
        #expect(committed.handle(.started(slots, uncommitted: false)).isEmpty)
    }

    @Test func aRollbackCommandNeedsAnOlderModelInStandby() {
        var machine = reconciler
        let back = machine.handle(.rollbackRequested(ModelSlots(active: installed(2, .b), standby: installed(1, .a))))
        #expect(back.first == .activate(.a))
        let failedNewer = machine.handle(
            .rollbackRequested(ModelSlots(active: installed(1, .a), standby: installed(2, .b)))
        )
        #expect(!failedNewer.contains(.activate(.b)))
        #expect(machine.handle(.rollbackRequested(ModelSlots(active: installed(1, .a), standby: nil))).count == 1)
    }

    private func phaseManifest(_ machine: UpdateReconciler) -> SignedUpdateManifest? {
        if case .downloading(let signed, _) = machine.phase { return signed }
        return nil
    }
}
