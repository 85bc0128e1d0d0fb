import SignalFeatures

/// The state store's local samples are what the federated client trains on.
extension EdgeStateStore: FederatedSampleSource {
    /// The newest `limit` samples stored under `pipeline`'s fingerprint.
    /// - Throws: `SQLiteError`.
    public func federatedSamples(
        for pipeline: FeaturePipelineConfig,
        limit: Int
    ) throws -> [(label: String, values: [Float])] {
        try samples(pipeline: PipelineFingerprint(pipeline), limit: limit).map { ($0.label, $0.values) }
    }
}
