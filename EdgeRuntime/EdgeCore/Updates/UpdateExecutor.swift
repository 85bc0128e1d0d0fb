import DaemonSupport
import Logging
import UpdateSigning
import WireProtocol

/// Carries out an ``UpdateReconciler``'s actions on the state store, the health check and the wire, and turns their
/// results into the reconciler's next events. Everything it writes is durable before it returns, so stopping it
/// between any two actions (a power cut) leaves a state the next start recovers from.
public struct UpdateExecutor: Sendable {
    /// A message for the hub.
    public enum Outgoing: Sendable, Equatable {
        /// Ask for a chunk on `{prefix}/{device}/artifact/get`.
        case request(ArtifactRequest)
        /// Report a step on `{prefix}/{device}/events`.
        case event(DeviceEvent)
        /// The active model changed: publish the status again.
        case statusChanged
    }

    let store: EdgeStateStore
    let device: DeviceID
    let healthCheck: UpdateHealthCheck
    let logger: Logger
    let send: @Sendable (Outgoing) async -> Void
    /// Unix milliseconds, for expiry checks and timestamps.
    let clock: @Sendable () -> Int64

    /// An executor for `device` on `store`, sending through `send`.
    public init(
        store: EdgeStateStore,
        device: DeviceID,
        healthCheck: UpdateHealthCheck,
        logger: Logger,
        clock: @escaping @Sendable () -> Int64 = unixMilliseconds,
        send: @escaping @Sendable (Outgoing) async -> Void
    ) {
        self.clock = clock
        self.store = store
        self.device = device
        self.healthCheck = healthCheck
        self.logger = logger
        self.send = send
    }

    /// The event that starts a run: the slots, and whether an update's switch to the active one is uncommitted.
    /// - Throws: `SQLiteError`.
    public func started() throws -> UpdateReconciler.Event {
        let slots = try store.modelSlots()
        let uncommitted = try store.uncommittedSlot()
        return .started(slots, uncommitted: uncommitted != nil && uncommitted == slots.active?.slot)
    }

    /// The current slots.
    /// - Throws: `SQLiteError`.
    public func slots() throws -> ModelSlots { try store.modelSlots() }

    /// The event for a desired model, with the local state read now.
    /// - Throws: `SQLiteError`.
    public func desired(_ model: DesiredModel) throws -> UpdateReconciler.Event {
        .desired(
            model,
            UpdateReconciler.Local(
                slots: try store.modelSlots(),
                trustedVersion: try store.trustedVersion(of: model.name),
                partialBytes: store.partialSize(name: model.name, version: model.version),
                failedBefore: try store.hasFailed(name: model.name, version: model.version)
            ),
            now: clock()
        )
    }

    /// Performs `action`; returns the event it leads to, if any.
    public func perform(_ action: UpdateReconciler.Action) async -> UpdateReconciler.Event? {
        do {
            return try await performThrowing(action)
        } catch {
            logger.error("update step failed", metadata: ["update.action": "\(action)", "error": "\(error)"])
            return .storageFailed("\(error)")
        }
    }

    private func performThrowing(_ action: UpdateReconciler.Action) async throws -> UpdateReconciler.Event? {
        switch action {
        case .report(let step, let model, let fields):
            let failed = step == .rejected || step == .rolledBack
            logger.log(
                level: failed ? .error : .info,
                "update \(step.rawValue)",
                metadata: ["update.model": "\(model)", "update.fields": "\(fields)"]
            )
            let event = try DeviceEvent(
                device: device,
                seq: try store.nextSequence(),
                ts: clock(),
                kind: step.kind,
                severity: failed ? .error : .info,
                message: model,
                fields: fields.merging(["model": model]) { mine, _ in mine }
            )
            await send(.event(event))
            return nil
        case .request(let name, let version, let offset, let length):
            let request = try ArtifactRequest(
                device: device,
                seq: try store.nextSequence(),
                name: name,
                version: version,
                offset: offset,
                length: length
            )
            await send(.request(request))
            return nil
        case .appendPartial(let name, let version, let data):
            try store.appendPartial(name: name, version: version, data: data)
            return nil
        case .readPartial(let name, let version):
            return .downloaded(try store.readPartial(name: name, version: version), now: clock())
        case .discardPartial(let name, let version):
            store.discardPartial(name: name, version: version)
            return nil
        case .stage(let name, let version, let artifact):
            let previous = try store.modelSlots().active?.slot
            let model = try store.stageModel(name: name, version: version, artifact: artifact, now: clock())
            return .staged(model, previous: previous)
        case .activate(let slot):
            if let slot { try store.activate(slot) } else { try store.deactivateModel() }
            await send(.statusChanged)
            return nil
        case .checkHealth(let model):
            return .healthChecked(check(model))
        case .markUncommitted(let slot):
            try store.setUncommittedSlot(slot)
            return nil
        case .trust(let name, let version):
            try store.trust(name, version: version)
            return nil
        case .markFailed(let name, let version):
            try store.markFailed(name: name, version: version)
            return nil
        }
    }

    private func check(_ model: InstalledModel) -> Result<Duration, UpdateReconciler.HealthCheckFailure> {
        let artifact: [UInt8]
        do {
            artifact = try store.loadArtifact(model)
        } catch {
            return .failure(.init("slot \(model.slot.rawValue): \(error)"))
        }
        do {
            return .success(try healthCheck.selfTest(artifact))
        } catch {
            return .failure(.init("self-test: \(error)"))
        }
    }
}
