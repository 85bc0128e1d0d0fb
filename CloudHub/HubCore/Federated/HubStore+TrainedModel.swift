import EdgeModel
import UpdateSigning

extension HubStore {
    /// Registers `trained`'s int8 artifact (see ``register(artifact:actor:now:signer:)``) and keeps its float32
    /// network beside it, the weights federated rounds start from.
    /// - Throws: `RegistryError`, `ArtifactError` when the float network does not validate, `SQLiteError`.
    @discardableResult
    public func register(
        trained: TrainedModel,
        actor: String,
        now: Int64,
        signer: SigningKeyPair?
    ) throws -> RegisteredModel {
        let weights = try trained.network.artifact(ModelMetadata(trained.artifact.manifest)).encoded()
        let model = try register(artifact: trained.artifact, actor: actor, now: now, signer: signer)
        try saveFloatWeights(model: model.name, version: model.version, artifact: weights)
        return model
    }
}
