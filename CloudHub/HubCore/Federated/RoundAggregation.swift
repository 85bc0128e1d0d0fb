import EdgeModel
import FederatedAggregation
import FederatedTraining
import FoundationEssentials
import UpdateSigning

/// Closing one round on the hub: the participants' packed deltas onto the base weights, the strategy's aggregate,
/// its held-out evaluation, int8 quantization (calibrated on the training part) and registration of the next
/// version with its lineage (parent version, round, participants, strategy) and float32 weights for the next round.
struct RoundAggregation {
    let store: HubStore
    let plan: FederatedPlan
    let heldOut: FederatedHeldOut
    let signer: SigningKeyPair?

    /// What a closed round produced.
    struct Outcome {
        var version: UInt32
        var floatAccuracy: Double
        var int8Accuracy: Double
        /// Participants whose update could not be used, with why.
        var rejected: [String: String]
    }

    /// Aggregates round `round` (id `id`) of `participants` onto `baseVersion` with `strategy` and registers the
    /// result.
    /// - Throws: `FederatedRunError` `.noWeights`, `.aggregationFailed`; `RegistryError`; `SQLiteError`.
    func close(
        round: Int,
        id: UInt64,
        baseVersion: UInt32,
        participants: [String],
        strategy: inout any AggregationStrategy,
        now: Int64
    ) throws -> Outcome {
        if let done = try registered(round: round, id: id, baseVersion: baseVersion) { return done }
        guard let weights = try store.floatWeights(model: plan.model, version: baseVersion) else {
            throw FederatedRunError(.noWeights, "\(plan.model)@\(baseVersion) has no float32 weights")
        }
        let baseArtifact = try ModelArtifact(bytes: weights.bytes)
        let global = try FloatNetwork(artifact: baseArtifact)
        let globalParameters = try global.parameters()
        var updates: [ClientUpdate] = []
        var rejected: [String: String] = [:]
        for update in try store.federatedUpdates(round: id, devices: participants) {
            guard update.baseVersion == baseVersion else {
                rejected[update.device] = "delta against version \(update.baseVersion), not \(baseVersion)"
                continue
            }
            do {
                let parameters = try UpdatePacking.unpack(update.payload, onto: globalParameters)
                updates.append(
                    ClientUpdate(clientID: update.device, parameters: parameters, exampleCount: update.examples)
                )
            } catch {
                rejected[update.device] = error.description
            }
        }
        guard updates.count >= min(plan.minClients, participants.count), !updates.isEmpty else {
            throw FederatedRunError(
                .aggregationFailed,
                "\(updates.count) usable updates of \(participants.count): \(rejected)"
            )
        }
        let aggregated: FloatNetwork
        do {
            aggregated = try global.replacing(
                try strategy.aggregate(updates, in: RoundContext(number: round, global: globalParameters))
            )
        } catch {
            throw FederatedRunError(.aggregationFailed, "\(error)")
        }
        let version = (try store.latestVersion(of: plan.model) ?? baseVersion) + 1
        let used = updates.map(\.clientID)
        var metadata = ModelMetadata(baseArtifact.manifest)
        metadata.version = Int(version)
        metadata.lineage = ModelLineage(
            datasetHash: baseArtifact.manifest.lineage.datasetHash,
            parentVersion: Int(baseVersion),
            federatedRound: round,
            trainingConfig: Self.lineageJSON(plan: plan, round: round, id: id, participants: used)
        )
        let floatAccuracy = try heldOut.accuracy(of: aggregated)
        let calibration = Array(heldOut.split.train.inputs.prefix(heldOut.calibrationSamples))
        let quantized = try PostTrainingQuantizer().quantize(aggregated, calibration: calibration, metadata: metadata)
        let interpreter = try Interpreter(artifact: quantized)
        let classes = metadata.labels.count
        let int8Accuracy = try ExportPipeline.evaluate(heldOut.split.test, classes: classes) {
            input throws(InferenceError) in
            let prediction = try interpreter.predict(input)
            return (0..<classes).map { $0 == prediction.index ? 1 : 0 }
        }.accuracy
        var manifest = quantized.manifest
        manifest.metrics = [
            "accuracy": int8Accuracy,
            "float_accuracy": floatAccuracy,
            "int8_accuracy": int8Accuracy,
            "test_samples": Double(heldOut.split.test.inputs.count),
            "fl_participants": Double(used.count),
            "fl_examples": Double(updates.reduce(0) { $0 + $1.exampleCount }),
        ]
        let artifact = try ModelArtifact(manifest: manifest, data: quantized.data)
        let floatWeights = try aggregated.artifact(metadata).encoded()
        // Float weights first: a registered version without them could not start the next round.
        try store.saveFloatWeights(model: plan.model, version: version, artifact: floatWeights)
        try store.register(artifact: artifact, actor: "fl", now: now, signer: signer)
        try store.tag(
            plan.model,
            version: version,
            key: "fl.strategy",
            value: plan.strategy.kind.rawValue,
            actor: "fl",
            now: now
        )
        try store.tag(
            plan.model,
            version: version,
            key: "fl.participants",
            value: String(used.joined(separator: ",").prefix(1_000)),
            actor: "fl",
            now: now
        )
        return Outcome(version: version, floatAccuracy: floatAccuracy, int8Accuracy: int8Accuracy, rejected: rejected)
    }

    /// The version this round already registered, when a hub stopped between registering it and saving the run
    /// (so that closing the round again does not register a second version).
    private func registered(round: Int, id: UInt64, baseVersion: UInt32) throws -> Outcome? {
        guard let latest = try store.latestVersion(of: plan.model), latest > baseVersion else { return nil }
        let model = try store.model(plan.model, version: latest)
        guard model.lineage.federatedRound == round, model.lineage.parentVersion == Int(baseVersion),
            let text = model.lineage.trainingConfig,
            (try? JSONDecoder().decode(FederatedLineage.self, from: Data(text.utf8)))?.roundID == id,
            try store.floatWeights(model: plan.model, version: latest) != nil
        else { return nil }
        return Outcome(
            version: latest,
            floatAccuracy: model.metrics["float_accuracy"] ?? 0,
            int8Accuracy: model.metrics["int8_accuracy"] ?? 0,
            rejected: [:]
        )
    }

    /// The lineage's training-config field of a federated version: the run's plan and the round's participants.
    static func lineageJSON(plan: FederatedPlan, round: Int, id: UInt64, participants: [String]) -> String {
        HubStore.json(FederatedLineage(federated: plan, round: round, roundID: id, participants: participants))
    }
}

/// What a federated version's lineage records in its `training_config` field.
struct FederatedLineage: Codable {
    /// The run's plan.
    var federated: FederatedPlan
    /// The round number.
    var round: Int
    /// The round id.
    var roundID: UInt64
    /// The devices whose updates were aggregated.
    var participants: [String]
}
