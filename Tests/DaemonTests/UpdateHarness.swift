import EdgeCore
import Synchronization
import TestSupport
import UpdateSigning
import WireProtocol

/// The edge's update path without a broker: a real state store in a directory that outlives restarts, the real
/// reconciler and executor, and an in-test hub that answers each chunk request from ``served``. A power cut is
/// simulated by stopping after ``actionsLeft`` actions and building a new harness on the same directory.
final class UpdateHarness {
    /// Collects what the executor sends, from its `@Sendable` closure.
    final class Outbox: Sendable {
        let sent = Mutex<[UpdateExecutor.Outgoing]>([])

        func take() -> [UpdateExecutor.Outgoing] {
            sent.withLock { sent in
                defer { sent = [] }
                return sent
            }
        }
    }

    static let device = try! DeviceID("ota-device")
    static let now: Int64 = 1_800_000_000_000

    let store: EdgeStateStore
    let outbox = Outbox()
    let executor: UpdateExecutor
    var reconciler: UpdateReconciler
    /// The bytes the hub serves for any request.
    var served: [UInt8] = []
    /// The total length the hub reports, the length of ``served`` unless set.
    var reportedTotal: UInt64?
    /// Actions left before the power cut; `.max` for none.
    var actionsLeft = Int.max
    /// Every event reported so far.
    private(set) var events: [DeviceEvent] = []

    /// A harness on `stateDirectory` trusting `keys`; the health check fails for artifacts starting with `BAD`.
    init(stateDirectory: String, trusting keys: [SigningKeyPair], maxLatency: Duration = .milliseconds(100)) throws {
        store = try EdgeStateStore(directory: stateDirectory)
        let outbox = outbox
        executor = UpdateExecutor(
            store: store,
            device: Self.device,
            healthCheck: UpdateHealthCheck(maxLatency: maxLatency, selfTest: Self.selfTest),
            logger: quietLogger,
            clock: { Self.now },
            send: { outgoing in outbox.sent.withLock { $0.append(outgoing) } }
        )
        reconciler = UpdateReconciler(
            verifier: keys.isEmpty ? nil : UpdateVerifier(trusting: keys.map(\.publicKey)),
            maxLatency: maxLatency,
            chunkBytes: 1_024
        )
    }

    struct SelfTestFailure: Error {}

    /// The test's model self-test: fails for artifacts starting with `BAD`, else takes the first byte as latency, ms.
    @Sendable static func selfTest(_ artifact: [UInt8]) throws -> Duration {
        guard !artifact.starts(with: Array("BAD".utf8)) else { throw SelfTestFailure() }
        return .milliseconds(Int(artifact.first ?? 0))
    }

    /// Runs the start event (an interrupted update's health check); false when the power was cut.
    @discardableResult
    func start() async throws -> Bool { await run(try executor.started()) }

    /// Delivers `model` as desired and runs until nothing is left to do; false when the power was cut.
    @discardableResult
    func apply(_ model: DesiredModel) async throws -> Bool { await run(try executor.desired(model)) }

    /// Feeds `first` and every event it leads to, answering chunk requests at once.
    func run(_ first: UpdateReconciler.Event) async -> Bool {
        var pending = [first]
        while !pending.isEmpty {
            for action in reconciler.handle(pending.removeFirst()) {
                guard actionsLeft > 0 else { return false }
                actionsLeft -= 1
                if let next = await executor.perform(action) { pending.append(next) }
                for outgoing in outbox.take() {
                    switch outgoing {
                    case .request(let request): pending.append(.chunk(answer(request)))
                    case .event(let event): events.append(event)
                    case .statusChanged: break
                    }
                }
            }
        }
        return true
    }

    private func answer(_ request: ArtifactRequest) -> ArtifactChunk {
        let start = Int(min(request.offset, UInt64(served.count)))
        let end = min(start + Int(request.length), served.count)
        let total = reportedTotal ?? UInt64(served.count)
        return
            (try? ArtifactChunk(
                status: start < served.count ? .ok : .badRange,
                requestSeq: request.seq,
                name: request.name,
                version: request.version,
                totalLength: max(total, UInt64(end)),
                offset: request.offset,
                data: Array(served[start..<end])
            ))!
    }

    /// The kinds of the events reported so far, `update.` dropped.
    var steps: [String] { events.map { String($0.kind.dropFirst("update.".count)) } }

    /// The `code` field of the last rejection.
    var rejection: String? { events.last { $0.kind == "update.rejected" }?.fields["code"] }
}

/// Signs `artifact` as `name@version` with `key` and returns the desired model a hub would publish.
func desiredModel(
    _ name: String,
    _ version: UInt32,
    _ artifact: [UInt8],
    signedBy key: SigningKeyPair,
    expires: Int64 = UpdateHarness.now + 60_000
) -> DesiredModel {
    let signed = key.sign(
        UpdateManifest(
            name: name,
            version: version,
            sha256: ArtifactDigest.sha256(artifact),
            length: UInt64(artifact.count),
            expires: expires
        )
    )
    return try! DesiredModel(
        name: name,
        version: version,
        sha256: signed.manifest.sha256,
        size: signed.manifest.length,
        expires: signed.manifest.expires,
        keyID: signed.keyID,
        signature: signed.base64Signature
    )
}

/// An artifact of `count` bytes whose first byte is the health check's latency in milliseconds.
func artifactBytes(_ count: Int, latencyMs: UInt8 = 2, seed: UInt8 = 0) -> [UInt8] {
    [latencyMs] + (1..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
}
