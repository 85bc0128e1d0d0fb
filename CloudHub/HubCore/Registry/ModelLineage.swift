import EdgeModel

/// The registry keeps the artifact's own lineage type (dataset hash, parent version, federated round, training
/// config): one type from manifest to database. Re-exported under its name so that registry users need not import
/// EdgeModel.
public typealias ModelLineage = EdgeModel.ModelLineage
