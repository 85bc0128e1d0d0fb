import EdgeCore
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// A power cut at every step of applying an update: the device runs the old model or the fully verified new one,
/// never a broken one, and after the restart (with the desired state delivered again, as the broker's retained copy
/// is) it ends on the new model, committed.
@Suite("Update power loss")
struct UpdatePowerLossTests {
    static let v1 = artifactBytes(3_000, seed: 1)
    static let v2 = artifactBytes(5_000, seed: 2)
    static let bad = Array("BAD".utf8) + artifactBytes(4_000, seed: 4)

    /// Installs v1, then cuts the power after `cut` actions of the update to `target`, restarts and finishes.
    func cutAndRestart(
        after cut: Int,
        target: [UInt8],
        in directory: TemporaryDirectory,
        key: SigningKeyPair
    ) async throws -> (completed: Bool, restarted: UpdateHarness) {
        let state = directory.file("state-\(cut)")
        let first = try UpdateHarness(stateDirectory: state, trusting: [key])
        first.served = Self.v1
        try await first.apply(desiredModel("bearing", 1, Self.v1, signedBy: key))
        first.served = target
        first.actionsLeft = cut
        let completed = try await first.apply(desiredModel("bearing", 2, target, signedBy: key))

        // What a device booting now would run: the old model or the complete new one, never anything else.
        let afterCut = try EdgeStateStore(directory: state)
        let active = try #require(try afterCut.modelSlots().active)
        let running = try afterCut.loadArtifact(active)
        #expect(running == Self.v1 || running == target, "cut after \(cut) actions")

        let restarted = try UpdateHarness(stateDirectory: state, trusting: [key])
        restarted.served = target
        try await restarted.start()
        try await restarted.apply(desiredModel("bearing", 2, target, signedBy: key))
        return (completed, restarted)
    }

    @Test func aCutAtAnyStepEndsOnTheOldOrTheVerifiedNewModel() async throws {
        let directory = try TemporaryDirectory(prefix: "ota-power")
        defer { directory.remove() }
        let key = try SigningKeyPair.create(in: directory.file("keys"))
        var cut = 0
        while true {
            let (completed, edge) = try await cutAndRestart(after: cut, target: Self.v2, in: directory, key: key)
            let active = try #require(try edge.store.modelSlots().active)
            #expect(active.version == 2, "cut after \(cut) actions")
            #expect(try edge.store.loadArtifact(active) == Self.v2)
            #expect(try edge.store.trustedVersion(of: "bearing") == 2, "cut after \(cut) actions")
            #expect(edge.store.partialSize(name: "bearing", version: 2) == 0)
            if completed { break }
            cut += 1
        }
        // 5,000 bytes in 1 KiB chunks: every request, append, stage, switch and check was a cut point.
        #expect(cut > 15)
    }

    @Test func aCutWhileABadModelIsCheckedEndsOnTheOldModel() async throws {
        let directory = try TemporaryDirectory(prefix: "ota-power-bad")
        defer { directory.remove() }
        let key = try SigningKeyPair.create(in: directory.file("keys"))
        var cut = 0
        while true {
            let (completed, edge) = try await cutAndRestart(after: cut, target: Self.bad, in: directory, key: key)
            let active = try #require(try edge.store.modelSlots().active)
            #expect(active.version == 1, "cut after \(cut) actions")
            #expect(try edge.store.loadArtifact(active) == Self.v1)
            #expect(try edge.store.trustedVersion(of: "bearing") == 1)
            #expect(try edge.store.hasFailed(name: "bearing", version: 2))
            if completed { break }
            cut += 1
        }
    }

    @Test func aResumedDownloadAsksOnlyForTheMissingBytes() async throws {
        let directory = try TemporaryDirectory(prefix: "ota-resume")
        defer { directory.remove() }
        let key = try SigningKeyPair.create(in: directory.file("keys"))
        let edge = try UpdateHarness(stateDirectory: directory.file("state"), trusting: [key])
        edge.served = Self.v2
        // verifying, downloading, then request/append pairs: stop after two chunks are on disk.
        edge.actionsLeft = 2 + 1 + 2 * 2
        #expect(try await !edge.apply(desiredModel("bearing", 2, Self.v2, signedBy: key)))
        #expect(edge.store.partialSize(name: "bearing", version: 2) == 2_048)

        let restarted = try UpdateHarness(stateDirectory: directory.file("state"), trusting: [key])
        restarted.served = Self.v2
        try await restarted.apply(desiredModel("bearing", 2, Self.v2, signedBy: key))
        let resumed = try #require(restarted.events.first { $0.kind == "update.downloading" })
        #expect(resumed.fields["offset"] == "2048")
        #expect(try restarted.store.modelSlots().active?.version == 2)
    }
}
