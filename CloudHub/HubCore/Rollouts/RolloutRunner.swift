import DaemonSupport
import Logging
import MQTTTransport
import WireProtocol

/// Drives the current rollout inside `hub serve`: every `interval` it loads the controller from the database, feeds
/// it the devices' reported outcomes, their health, their quality figures from telemetry (``QualityTallies``) and the
/// time, carries out its actions (desired states through the database, `model.rollback` commands on the broker) and
/// saves it. All state is in the database, so a restarted hub, or `hub rollout abort` from another process, is picked
/// up at the next round.
struct RolloutRunner: Sendable {
    let store: HubStore
    let topics: Topics
    let interval: Duration
    let logger: Logger
    let tallies = QualityTallies()

    /// Runs rounds until cancelled.
    func run(on client: MQTTClient) async {
        while (try? await Task.sleep(for: interval)) != nil {
            do {
                try await round(client, now: unixMilliseconds())
            } catch {
                logger.error("rollout round failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One round: events in, actions out, state saved.
    func round(_ client: MQTTClient, now: Int64) async throws {
        guard let stored = try store.currentRollout(),
            !stored.controller.isFinished || stored.controller.awaitsLateOutcomes
        else { return }
        let wasFinished = stored.controller.isFinished
        var controller = stored.controller
        let plan = controller.plan
        var actions: [RolloutController.Action] = []
        if controller.status == .updating(wave: -1) {
            actions += controller.handle(.start(now: now))
            logger.info(
                "rollout started",
                metadata: ["rollout.id": "\(stored.id)", "model": "\(plan.model)@\(plan.version)"]
            )
        }
        if let reason = stored.abortRequested { actions += controller.handle(.abort(reason: reason)) }
        var committedMs: [String: Int64] = [:]
        for outcome in try store.updateOutcomes(model: plan.model, version: plan.version, since: stored.startedMs) {
            switch outcome.kind {
            case "update.committed":
                committedMs[outcome.device] = min(committedMs[outcome.device] ?? outcome.ts, outcome.ts)
                actions += controller.handle(.committed(device: outcome.device))
            default: actions += controller.handle(.failed(device: outcome.device, reason: outcome.kind))
            }
        }
        for device in try store.devices() where controller.devices[device.device] == .updated {
            if let reason = Self.unhealthy(device, plan: plan, since: stored.startedMs) {
                actions += controller.handle(.unhealthy(device: device.device, reason: reason))
            }
        }
        for (device, committed) in committedMs.sorted(by: { $0.key < $1.key })
        where controller.devices[device] == .updated || controller.devices[device] == .unhealthy {
            let report = try tallies.report(rollout: stored, device: device, committedMs: committed, store: store)
            actions += controller.handle(.quality(device: device, report))
        }
        actions += controller.handle(.tick(now: now))
        for action in actions { try await perform(action, plan: plan, rollout: stored.id, client: client, now: now) }
        try store.saveRollout(id: stored.id, controller)
        if controller.isFinished && !wasFinished {
            logger.notice(
                "rollout finished",
                metadata: ["rollout.id": "\(stored.id)", "status": "\(controller.status)"]
            )
        }
    }

    /// Why an updated device counts as unhealthy, nil when it does not: offline, or inference slower than the plan's
    /// bound in health telemetry taken after the rollout started.
    static func unhealthy(_ device: DeviceRecord, plan: RolloutPlan, since: Int64) -> String? {
        if device.state == "offline" { return "offline" }
        if let bound = plan.maxLatencyMicros, let health = device.health, health.ts >= since,
            health.latencyP99Micros > bound
        {
            return "p99 inference latency \(health.latencyP99Micros) µs above \(bound) µs"
        }
        return nil
    }

    private func perform(
        _ action: RolloutController.Action,
        plan: RolloutPlan,
        rollout: Int64,
        client: MQTTClient,
        now: Int64
    ) async throws {
        switch action {
        case .setDesired(let device, let version):
            try store.setDesired(device: try DeviceID(device), name: plan.model, version: version, now: now)
        case .rollBack(let device, let version):
            let id = try DeviceID(device)
            // The switch first: the device then already runs `version` when the desired state names it again.
            let command = try Command(id: "rollout-\(rollout)-\(device)", ts: now, name: "model.rollback")
            try await client.publish(MQTTMessage(topic: topics.topic(.command, for: id), payload: command.encode()))
            try store.setDesired(device: id, name: plan.model, version: version, now: now)
        }
    }
}
