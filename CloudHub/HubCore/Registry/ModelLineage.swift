/// Where a model version came from, kept with it in the registry and in the artifact's manifest.
public struct ModelLineage: Codable, Sendable, Hashable {
    /// Content hash of the training dataset snapshot, if trained centrally.
    public var datasetHash: String?
    /// The version it was fine-tuned or aggregated from, if any.
    public var parentVersion: UInt32?
    /// Federated round that produced it, if any.
    public var federatedRound: Int?
    /// The training configuration, as the trainer recorded it (JSON text), if any.
    public var trainingConfig: String?

    /// Lineage as given; every part is optional.
    public init(
        datasetHash: String? = nil,
        parentVersion: UInt32? = nil,
        federatedRound: Int? = nil,
        trainingConfig: String? = nil
    ) {
        self.datasetHash = datasetHash
        self.parentVersion = parentVersion
        self.federatedRound = federatedRound
        self.trainingConfig = trainingConfig
    }

    enum CodingKeys: String, CodingKey {
        case datasetHash = "dataset_hash"
        case parentVersion = "parent_version"
        case federatedRound = "federated_round"
        case trainingConfig = "training_config"
    }
}
