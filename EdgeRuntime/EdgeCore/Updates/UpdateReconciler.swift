import UpdateSigning
import WireProtocol

/// The pure state machine of an over-the-air model update (Mender's and RAUC's flow with TUF's checks): events in,
/// actions out, no I/O and no clock (times arrive in the events). `ModelUpdater` feeds it and carries out its actions.
///
/// Flow: a desired model is checked against the trusted key, the name (the active model's, once there is one), the
/// anti-rollback floor and the expiry **before** any download; the artifact is fetched in chunks from where a partial
/// download stopped, never past the signed length; the complete bytes are checked against the signed length and
/// SHA-256, staged into the idle slot, switched to, health-checked, then committed (the version becomes trusted) or
/// rolled back to the previous slot.
public struct UpdateReconciler: Sendable {
    /// What the device has locally, read by the caller when the event happens.
    public struct Local: Sendable, Hashable {
        /// The active and standby slots.
        public var slots: ModelSlots
        /// The highest trusted version of the desired model's name, nil for none.
        public var trustedVersion: UInt32?
        /// Bytes of a partial download of the desired version already on disk.
        public var partialBytes: UInt64
        /// Whether the desired version failed its health check before.
        public var failedBefore: Bool

        /// Local state as given.
        public init(slots: ModelSlots, trustedVersion: UInt32?, partialBytes: UInt64 = 0, failedBefore: Bool = false) {
            self.slots = slots
            self.trustedVersion = trustedVersion
            self.partialBytes = partialBytes
            self.failedBefore = failedBefore
        }
    }

    /// Something that happened.
    public enum Event: Sendable {
        /// The daemon started; `uncommitted` when an update switched to the active slot and the process died before
        /// the health check decided, so the check runs again. (A model installed by hand is never re-checked.)
        case started(ModelSlots, uncommitted: Bool)
        /// A desired state arrived; `now` is unix milliseconds.
        case desired(DesiredModel, Local, now: Int64)
        /// A chunk arrived for the current download.
        case chunk(ArtifactChunk)
        /// No chunk arrived for a while.
        case chunkTimedOut
        /// The partial download is complete; these are its bytes.
        case downloaded([UInt8], now: Int64)
        /// The artifact was written into the idle slot; `previous` is the slot active before (nil for none).
        case staged(InstalledModel, previous: ModelSlot?)
        /// Writing or reading the artifact failed.
        case storageFailed(String)
        /// The hub asked to go back to the previous model (an aborted rollout). Honoured only when idle and the
        /// standby slot holds an older version of the same model, which was trusted once: the trusted floor stays
        /// where it is, so the newer version cannot come back without a newer signed manifest.
        case rollbackRequested(ModelSlots)
        /// The health check of the active model finished: its inference latency, or why it failed.
        case healthChecked(Result<Duration, HealthCheckFailure>)
    }

    /// Something to do, in order.
    public enum Action: Sendable, Hashable {
        /// Publish an `update.*` event.
        case report(UpdateStep, model: String, fields: [String: String])
        /// Ask the hub for `length` bytes of the artifact from `offset`.
        case request(name: String, version: UInt32, offset: UInt64, length: UInt32)
        /// Append `data` to the partial download of `name@version`.
        case appendPartial(name: String, version: UInt32, data: [UInt8])
        /// Read the complete partial download and send `.downloaded`.
        case readPartial(name: String, version: UInt32)
        /// Delete partial downloads.
        case discardPartial(name: String, version: UInt32)
        /// Write the verified artifact into the idle slot and send `.staged`.
        case stage(name: String, version: UInt32, artifact: [UInt8])
        /// Make the slot active (nil: no model, after a first install failed) and announce the new status.
        case activate(ModelSlot?)
        /// Record the slot switched to but not committed (nil: none), before the switch and after the decision.
        case markUncommitted(ModelSlot?)
        /// Run the health check on the active slot and send `.healthChecked`.
        case checkHealth(InstalledModel)
        /// Raise the trusted version (anti-rollback floor) of `name`.
        case trust(name: String, version: UInt32)
        /// Remember that `name@version` failed its health check.
        case markFailed(name: String, version: UInt32)
    }

    /// Where an update stands.
    public enum Phase: Sendable, Hashable {
        /// Nothing under way.
        case idle
        /// Fetching; `received` bytes are in the partial file.
        case downloading(SignedUpdateManifest, received: UInt64)
        /// Waiting for the complete bytes to be read back.
        case verifyingArtifact(SignedUpdateManifest)
        /// Waiting for the artifact to be written into the idle slot.
        case staging(SignedUpdateManifest)
        /// Running the health check on the new slot; `previous` is the slot to roll back to.
        case checking(InstalledModel, previous: ModelSlot?)
    }

    /// Why a health check failed.
    public struct HealthCheckFailure: Error, Sendable, Hashable {
        /// What went wrong (model does not load, inference failed, slot file corrupt).
        public let reason: String

        /// A failure with its reason.
        public init(_ reason: String) { self.reason = reason }
    }

    /// The keys the device trusts; nil when none is configured (every update is refused).
    public let verifier: UpdateVerifier?
    /// The slowest inference latency the health check accepts.
    public let maxLatency: Duration
    /// Bytes asked for per chunk, at most `ArtifactRequest.maxLength`.
    public let chunkBytes: UInt32
    /// The current phase.
    public private(set) var phase: Phase = .idle

    /// A reconciler in the idle phase.
    public init(verifier: UpdateVerifier?, maxLatency: Duration, chunkBytes: UInt32 = ArtifactRequest.maxLength) {
        self.verifier = verifier
        self.maxLatency = maxLatency
        self.chunkBytes = max(1, min(chunkBytes, ArtifactRequest.maxLength))
    }

    /// Takes `event` and returns what to do.
    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .started(let slots, let uncommitted):
            return resume(slots, uncommitted: uncommitted)
        case .desired(let model, let local, let now):
            return reconcile(model, local, now: now)
        case .chunk(let chunk):
            return receive(chunk)
        case .chunkTimedOut:
            guard case .downloading(let signed, let received) = phase else { return [] }
            return [request(signed, from: received)]
        case .downloaded(let bytes, let now):
            return verifyDownload(bytes, now: now)
        case .staged(let model, let previous):
            guard case .staging = phase else { return [] }
            phase = .checking(model, previous: previous)
            return [
                .report(.staged, model: label(model), fields: ["slot": model.slot.rawValue]),
                .markUncommitted(model.slot),
                .activate(model.slot),
                .report(.switched, model: label(model), fields: ["slot": model.slot.rawValue]),
                .checkHealth(model),
            ]
        case .storageFailed(let reason):
            guard let signed = currentManifest else { return [] }
            phase = .idle
            return reject(.storage, signed.manifest.name, signed.manifest.version, reason)
                + [.discardPartial(name: signed.manifest.name, version: signed.manifest.version)]
        case .healthChecked(let outcome):
            return finishCheck(outcome)
        case .rollbackRequested(let slots):
            return rollBack(slots)
        }
    }

    private func rollBack(_ slots: ModelSlots) -> [Action] {
        guard case .idle = phase, let active = slots.active, let standby = slots.standby,
            standby.name == active.name, standby.version < active.version
        else {
            let model = slots.active.map(label) ?? "none"
            return [
                .report(
                    .rejected,
                    model: model,
                    fields: ["code": "noPreviousModel", "detail": "no older model in the standby slot, or busy"]
                )
            ]
        }
        return [
            .activate(standby.slot),
            .report(
                .rolledBack,
                model: label(active),
                fields: ["reason": "command", "slot": standby.slot.rawValue, "to": label(standby)]
            ),
        ]
    }

    private var currentManifest: SignedUpdateManifest? {
        switch phase {
        case .downloading(let signed, _), .verifyingArtifact(let signed), .staging(let signed): return signed
        case .idle, .checking: return nil
        }
    }

    private mutating func resume(_ slots: ModelSlots, uncommitted: Bool) -> [Action] {
        guard let active = slots.active, uncommitted else { return [] }
        // Switched but never committed: the check is what decides, as after the switch.
        phase = .checking(active, previous: slots.standby?.slot)
        return [.checkHealth(active)]
    }

    private mutating func reconcile(_ model: DesiredModel, _ local: Local, now: Int64) -> [Action] {
        if let active = local.slots.active, active.name == model.name, active.version == model.version,
            active.sha256 == model.sha256
        {
            return []
        }
        switch phase {
        case .idle:
            break
        case .downloading(let signed, _)
        where signed.manifest.name == model.name
            && signed.manifest.version == model.version:
            return []
        case .downloading(let signed, _):
            // A newer desire replaces the download under way.
            phase = .idle
            return [.discardPartial(name: signed.manifest.name, version: signed.manifest.version)]
                + reconcile(model, local, now: now)
        case .verifyingArtifact, .staging, .checking:
            // The caller handles events one at a time; the retained desire is seen again at the next restart.
            return []
        }
        let fields = ["version": "\(model.version)"]
        var actions: [Action] = [.report(.verifying, model: "\(model.name)@\(model.version)", fields: fields)]
        guard let verifier else { return actions + reject(.noTrustedKey, model.name, model.version, "") }
        guard let expires = model.expires, let keyID = model.keyID, let signature = model.signature else {
            return actions + reject(.unsigned, model.name, model.version, "no signed manifest")
        }
        let signed: SignedUpdateManifest
        do throws(UpdateVerificationError) {
            signed = try SignedUpdateManifest(
                manifest: UpdateManifest(
                    name: model.name,
                    version: model.version,
                    sha256: model.sha256,
                    length: model.size,
                    expires: expires
                ),
                keyID: keyID,
                base64Signature: signature
            )
            // A device runs one model: a manifest for another name is mix-and-match, however well signed.
            try verifier.verify(
                signed,
                expectedName: local.slots.active?.name ?? model.name,
                trustedVersion: local.trustedVersion,
                now: now
            )
        } catch {
            return actions + reject(.verification(error.code.rawValue), model.name, model.version, error.context)
        }
        guard !local.failedBefore else {
            return actions + reject(.failedBefore, model.name, model.version, "health check failed before")
                + [.discardPartial(name: model.name, version: model.version)]
        }
        // A partial longer than the promise cannot be a prefix of it: start over.
        var received = local.partialBytes
        if received > model.size {
            actions.append(.discardPartial(name: model.name, version: model.version))
            received = 0
        }
        actions.append(
            .report(
                .downloading,
                model: label(signed),
                fields: ["offset": "\(received)", "length": "\(model.size)"]
            )
        )
        guard received < model.size else {
            phase = .verifyingArtifact(signed)
            return actions + [.readPartial(name: model.name, version: model.version)]
        }
        phase = .downloading(signed, received: received)
        return actions + [request(signed, from: received)]
    }

    private mutating func receive(_ chunk: ArtifactChunk) -> [Action] {
        guard case .downloading(let signed, let received) = phase,
            chunk.name == signed.manifest.name, chunk.version == signed.manifest.version
        else { return [] }
        let manifest = signed.manifest
        switch chunk.status {
        case .unknownArtifact:
            phase = .idle
            return reject(.unknownArtifact, manifest.name, manifest.version, "the hub has no such artifact")
                + [.discardPartial(name: manifest.name, version: manifest.version)]
        case .badRange:
            // The hub's artifact is shorter than the signed length promises.
            phase = .idle
            return reject(
                .verification(UpdateVerificationError.Code.lengthMismatch.rawValue),
                manifest.name,
                manifest.version,
                "hub reports offset \(chunk.offset) outside \(chunk.totalLength) bytes"
            ) + [.discardPartial(name: manifest.name, version: manifest.version)]
        case .ok:
            break
        }
        // A late answer to an earlier request: the bytes are already in the partial file.
        guard chunk.offset == received else { return [] }
        let (end, overflow) = received.addingReportingOverflow(UInt64(chunk.data.count))
        guard chunk.totalLength == manifest.length, !overflow, end <= manifest.length, !chunk.data.isEmpty else {
            phase = .idle
            return reject(
                .verification(UpdateVerificationError.Code.lengthMismatch.rawValue),
                manifest.name,
                manifest.version,
                "chunk of \(chunk.data.count) bytes at \(chunk.offset) of \(chunk.totalLength), "
                    + "signed length \(manifest.length)"
            ) + [.discardPartial(name: manifest.name, version: manifest.version)]
        }
        phase = .downloading(signed, received: end)
        let append = Action.appendPartial(name: manifest.name, version: manifest.version, data: chunk.data)
        guard end == manifest.length else { return [append, request(signed, from: end)] }
        phase = .verifyingArtifact(signed)
        return [append, .readPartial(name: manifest.name, version: manifest.version)]
    }

    private mutating func verifyDownload(_ bytes: [UInt8], now: Int64) -> [Action] {
        guard case .verifyingArtifact(let signed) = phase, let verifier else { return [] }
        return finishVerify(signed, bytes, verifier: verifier, now: now)
    }

    private mutating func finishVerify(
        _ signed: SignedUpdateManifest,
        _ bytes: [UInt8],
        verifier: UpdateVerifier,
        now: Int64
    ) -> [Action] {
        let manifest = signed.manifest
        do throws(UpdateVerificationError) {
            // The trusted floor was checked before the download and only a commit raises it; passing nil here keeps
            // this check about the bytes (length, SHA-256) and the signature and expiry again.
            try verifier.verify(signed, artifact: bytes, expectedName: manifest.name, trustedVersion: nil, now: now)
        } catch {
            phase = .idle
            return reject(.verification(error.code.rawValue), manifest.name, manifest.version, error.context)
                + [.discardPartial(name: manifest.name, version: manifest.version)]
        }
        phase = .staging(signed)
        return [.stage(name: manifest.name, version: manifest.version, artifact: bytes)]
    }

    private mutating func finishCheck(_ outcome: Result<Duration, HealthCheckFailure>) -> [Action] {
        guard case .checking(let model, let previous) = phase else { return [] }
        phase = .idle
        let failure: String?
        switch outcome {
        case .success(let latency) where latency > maxLatency:
            failure = "inference latency \(latency) is above the bound \(maxLatency)"
        case .success:
            failure = nil
        case .failure(let error):
            failure = error.reason
        }
        guard let failure else {
            // The partial goes first: a cut between the two leaves an uncommitted switch, which the next start
            // checks again, instead of a committed model with a stale partial nobody would delete.
            return [
                .discardPartial(name: model.name, version: model.version),
                .trust(name: model.name, version: model.version),
                .markUncommitted(nil),
                .report(.committed, model: label(model), fields: ["slot": model.slot.rawValue]),
            ]
        }
        var actions: [Action] = [
            .discardPartial(name: model.name, version: model.version),
            .markFailed(name: model.name, version: model.version),
            .activate(previous),
            .markUncommitted(nil),
        ]
        actions.append(
            .report(
                .rolledBack,
                model: label(model),
                fields: ["reason": String(failure.prefix(1_000)), "slot": previous?.rawValue ?? "none"]
            )
        )
        return actions
    }

    private func request(_ signed: SignedUpdateManifest, from offset: UInt64) -> Action {
        let left = signed.manifest.length - offset
        return .request(
            name: signed.manifest.name,
            version: signed.manifest.version,
            offset: offset,
            length: UInt32(min(UInt64(chunkBytes), left))
        )
    }

    private func reject(_ rejection: UpdateRejection, _ name: String, _ version: UInt32, _ detail: String) -> [Action] {
        [
            .report(
                .rejected,
                model: "\(name)@\(version)",
                fields: ["code": rejection.code, "detail": String(detail.prefix(1_000))]
            )
        ]
    }

    private func label(_ signed: SignedUpdateManifest) -> String {
        "\(signed.manifest.name)@\(signed.manifest.version)"
    }

    private func label(_ model: InstalledModel) -> String { "\(model.name)@\(model.version)" }
}
