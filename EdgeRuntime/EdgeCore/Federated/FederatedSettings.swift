import ConfigLoading

/// The `fl.*` keys of `edge run`:
///
/// | key | default | meaning |
/// |---|---|---|
/// | `fl.enabled` | `true` | take part in federated rounds that select this device |
/// | `fl.max_samples` | `2000` | most local labelled samples (newest first) one round trains on |
/// | `fl.max_weights_bytes` | `67108864` | largest global-weights artifact fetched for a round |
/// | `fl.chunk_timeout` | `5s` | a weights chunk not answered within this is asked for again |
public struct FederatedSettings: Sendable {
    /// Whether the device trains in rounds.
    public var enabled: Bool
    /// Bound of the local samples per round.
    public var maxSamples: Int
    /// Bound of the weights download, bytes.
    public var maxWeightsBytes: Int
    /// How long to wait for a chunk before asking again.
    public var chunkTimeout: Duration

    /// Settings as given.
    public init(
        enabled: Bool = true,
        maxSamples: Int = 2_000,
        maxWeightsBytes: Int = 64 << 20,
        chunkTimeout: Duration = .seconds(5)
    ) {
        self.enabled = enabled
        self.maxSamples = maxSamples
        self.maxWeightsBytes = maxWeightsBytes
        self.chunkTimeout = chunkTimeout
    }

    /// Reads the `fl.*` keys.
    /// - Throws: `ConfigError` naming the bad key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> FederatedSettings {
        FederatedSettings(
            enabled: try config.bool("fl.enabled", default: true),
            maxSamples: try config.int("fl.max_samples", default: 2_000, range: 1...1_000_000),
            maxWeightsBytes: try config.int("fl.max_weights_bytes", default: 64 << 20, range: 1_024...(1 << 30)),
            chunkTimeout: try config.duration(
                "fl.chunk_timeout",
                default: .seconds(5),
                range: .milliseconds(100)...(.seconds(600))
            )
        )
    }
}
