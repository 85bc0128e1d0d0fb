import DaemonSupport
import FederatedAggregation
import Logging
import MQTTTransport
import UpdateSigning
import WireProtocol

/// Drives the current federated run inside `hub serve`: every `interval` it loads the run's machine from the
/// database, feeds it the time, the online devices and the updates stored for the current round, carries out its
/// actions (the retained round on `{prefix}/fl/round`, aggregation and registration, the final rollout) and saves
/// it. All run state is in the database, so a restarted hub, or `hub fl stop` from another process, is picked up at
/// the next tick. Stateful server strategies (FedAvgM, FedAdam, …) keep their state in memory for the run.
struct FederatedRunner: Sendable {
    let store: HubStore
    let topics: Topics
    let interval: Duration
    let keysDirectory: String
    let logger: Logger

    /// What the runner keeps between ticks for the run it drives.
    struct Memory {
        var runID: Int64?
        var strategy: (any AggregationStrategy)?
        var heldOut: FederatedHeldOut?
        var signer: SigningKeyPair?
    }

    /// Runs ticks until cancelled.
    func run(on client: MQTTClient) async {
        var memory = Memory()
        while (try? await Task.sleep(for: interval)) != nil {
            do {
                try await tick(client, now: unixMilliseconds(), &memory)
            } catch {
                logger.error("federated tick failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One tick: events in, actions out, state saved.
    func tick(_ client: MQTTClient, now: Int64, _ memory: inout Memory) async throws {
        guard let stored = try store.currentFederatedRun(), !stored.machine.isFinished else { return }
        if memory.runID != stored.id {
            memory = Memory(runID: stored.id)
            memory.signer = try? SigningKeyPair.load(from: keysDirectory)
            logger.info(
                "federated run started",
                metadata: ["fl.run": "\(stored.id)", "model": "\(stored.machine.plan.model)"]
            )
        }
        var machine = stored.machine
        var actions: [FederatedRunMachine.Action] = []
        if let reason = stored.abortRequested { actions += machine.handle(.abort(reason: reason)) }
        let online = try store.devices().filter { $0.state == "online" }.map(\.device)
        var received: Set<String> = []
        if case .collecting(_, let id, _, _, let deadline) = machine.status {
            received = try store.federatedUpdateDevices(round: id, baseVersion: machine.baseVersion, by: deadline)
        }
        actions += machine.handle(.tick(now: now, online: online, received: received))
        var index = 0
        while index < actions.count {
            actions += try await perform(actions[index], &machine, client, now, &memory)
            index += 1
        }
        try store.saveFederatedRun(id: stored.id, machine)
        if machine.isFinished {
            logger.notice(
                "federated run finished",
                metadata: ["fl.run": "\(stored.id)", "status": "\(machine.status)"]
            )
        }
    }

    /// Carries out `action`; returns the actions the machine answers with.
    private func perform(
        _ action: FederatedRunMachine.Action,
        _ machine: inout FederatedRunMachine,
        _ client: MQTTClient,
        _ now: Int64,
        _ memory: inout Memory
    ) async throws -> [FederatedRunMachine.Action] {
        let plan = machine.plan
        switch action {
        case .announce(let round, let id, let baseVersion, let devices, let deadline):
            guard let weights = try store.floatWeights(model: plan.model, version: baseVersion) else {
                return machine.handle(.abort(reason: "\(plan.model)@\(baseVersion) has no float32 weights"))
            }
            let message = try FederatedRound(
                round: id,
                model: plan.model,
                baseVersion: baseVersion,
                weights: plan.weightsName,
                weightsSHA256: weights.sha256,
                weightsSize: UInt64(weights.bytes.count),
                devices: try devices.map { try DeviceID($0) },
                deadlineMs: deadline,
                epochs: plan.epochs,
                batchSize: plan.batchSize,
                learningRate: plan.learningRate,
                proximalMu: plan.proximalMu,
                quantization: plan.quantization,
                topK: plan.topK
            )
            try await client.publish(MQTTMessage(topic: topics.flRound, payload: message.encode(), retain: true))
            logger.info(
                "federated round announced",
                metadata: ["fl.round": "\(round)", "fl.round_id": "\(id)", "fl.devices": "\(devices.count)"]
            )
            return []
        case .aggregate(let round, let id, let baseVersion, let participants):
            do {
                let heldOut =
                    try memory.heldOut ?? FederatedHeldOut.load(model: plan.model, version: baseVersion, store: store)
                memory.heldOut = heldOut
                var strategy = try memory.strategy ?? plan.strategy.make(proximalMu: plan.proximalMu)
                let outcome = try RoundAggregation(
                    store: store,
                    plan: plan,
                    heldOut: heldOut,
                    signer: memory.signer
                ).close(
                    round: round,
                    id: id,
                    baseVersion: baseVersion,
                    participants: participants,
                    strategy: &strategy,
                    now: now
                )
                memory.strategy = strategy
                try store.deleteFederatedUpdates(round: id)
                logger.info(
                    "federated round closed",
                    metadata: [
                        "fl.round": "\(round)", "model": "\(plan.model)@\(outcome.version)",
                        "fl.participants": "\(participants.count)", "accuracy": "\(outcome.floatAccuracy)",
                        "int8_accuracy": "\(outcome.int8Accuracy)", "fl.rejected": "\(outcome.rejected)",
                    ]
                )
                return machine.handle(.aggregated(version: outcome.version, accuracy: outcome.floatAccuracy))
            } catch {
                logger.error("federated round failed", metadata: ["fl.round": "\(round)", "error": "\(error)"])
                return machine.handle(.aggregationFailed(reason: "\(error)"))
            }
        case .retract:
            // An empty retained payload clears the announcement, so devices that connect later see no round.
            try await client.publish(MQTTMessage(topic: topics.flRound, payload: [], retain: true))
            return []
        case .rollout(let version):
            do {
                // `hub rollout start`'s defaults: waves of 1 device, 10 %, 50 %, all; 5 % failures; 10 min healthy.
                let rollout = try RolloutPlan(
                    model: plan.model,
                    version: version,
                    waves: [.devices(1), .percent(10), .percent(50), .percent(100)],
                    maxFailureRate: 0.05,
                    minHealthyMs: 600_000
                )
                try store.startRollout(rollout, now: now)
                logger.notice("federated run rolls out", metadata: ["model": "\(plan.model)@\(version)"])
            } catch {
                logger.error("federated rollout not started", metadata: ["error": "\(error)"])
            }
            return []
        }
    }
}
