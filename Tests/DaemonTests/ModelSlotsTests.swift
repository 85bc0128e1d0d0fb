import EdgeCore
import Glibc
import TestSupport
import Testing

@Suite("Edge model slots")
struct ModelSlotsTests {
    let directory: TemporaryDirectory
    let store: EdgeStateStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "slots")
        store = try EdgeStateStore(directory: directory.file("state"))
    }

    @Test func stagingWritesTheIdleSlotAndOnlyActivationSwitches() throws {
        #expect(try store.modelSlots() == ModelSlots(active: nil, standby: nil))
        let first = try store.stageModel(name: "bearing", version: 1, artifact: [1, 1, 1], now: 10)
        #expect(first.slot == .a)
        #expect(try store.modelSlots().active == nil)
        try store.activate(.a)
        let second = try store.stageModel(name: "bearing", version: 2, artifact: [2, 2], now: 20)
        #expect(second.slot == .b)
        #expect(try store.modelSlots() == ModelSlots(active: first, standby: second))
        try store.activate(.b)
        #expect(try store.loadArtifact(try #require(try store.modelSlots().active)) == [2, 2])
        // Rolling back is activating the other slot; the previous model is still there.
        try store.activate(.a)
        let reopened = try EdgeStateStore(directory: directory.file("state"))
        #expect(try reopened.modelSlots() == ModelSlots(active: first, standby: second))
        #expect(try reopened.loadArtifact(first) == [1, 1, 1])
    }

    @Test func aSlotFileThatChangedIsRefused() throws {
        let model = try store.stageModel(name: "bearing", version: 1, artifact: [1, 2, 3], now: 1)
        _ = try directory.write("state/models/a.edgemodel", "tampered")
        let error = #expect(throws: ModelSlotError.self) { try store.loadArtifact(model) }
        #expect(error?.code == .corrupt)
    }

    @Test func aMissingSlotFileIsRefused() throws {
        let model = try store.stageModel(name: "bearing", version: 1, artifact: [1], now: 1)
        unlink(store.artifactPath(.a))
        let error = #expect(throws: ModelSlotError.self) { try store.loadArtifact(model) }
        #expect(error?.code == .missing)
    }

    @Test func anEmptySlotCannotBeActivated() throws {
        #expect(throws: (any Error).self) { try store.activate(.b) }
        #expect(try store.modelSlots().active == nil)
    }

    @Test func theTrustedVersionNeverGoesDown() throws {
        #expect(try store.trustedVersion(of: "bearing") == nil)
        try store.trust("bearing", version: 5)
        try store.trust("bearing", version: 3)
        #expect(try store.trustedVersion(of: "bearing") == 5)
        #expect(try EdgeStateStore(directory: directory.file("state")).trustedVersion(of: "bearing") == 5)
    }
}
