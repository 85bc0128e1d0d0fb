import SignalFeatures

/// Where a device's local labelled feature vectors come from (its state store): only vectors made by `pipeline`,
/// newest first, at most `limit`.
public protocol FederatedSampleSource: Sendable {
    /// The local samples of `pipeline` as (label, feature values).
    /// - Throws: the store's error.
    func federatedSamples(for pipeline: FeaturePipelineConfig, limit: Int) throws -> [(label: String, values: [Float])]
}
