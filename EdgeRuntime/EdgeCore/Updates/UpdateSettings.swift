import ConfigLoading

/// The `update.*` keys of `edge run`:
///
/// | key | default | meaning |
/// |---|---|---|
/// | `update.trusted_key` | none | the hub's `update-signing.pub`; without it every update is refused |
/// | `update.max_latency` | `100ms` | slowest self-test inference the health check accepts |
/// | `update.chunk_bytes` | `262144` | bytes asked for per artifact chunk, 1024...262144 |
/// | `update.chunk_timeout` | `5s` | a chunk not answered within this is asked for again |
public struct UpdateSettings: Sendable {
    /// Path of the trusted public key file, nil for none.
    public var trustedKeyPath: String?
    /// Latency bound of the health check.
    public var maxLatency: Duration
    /// Chunk size, bytes.
    public var chunkBytes: UInt32
    /// How long to wait for a chunk before asking again.
    public var chunkTimeout: Duration

    /// Reads the `update.*` keys.
    /// - Throws: `ConfigError` naming the bad key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> UpdateSettings {
        UpdateSettings(
            trustedKeyPath: try config.optionalString("update.trusted_key"),
            maxLatency: try config.duration(
                "update.max_latency",
                default: .milliseconds(100),
                range: .milliseconds(1)...(.seconds(60))
            ),
            chunkBytes: UInt32(try config.int("update.chunk_bytes", default: 262_144, range: 1_024...262_144)),
            chunkTimeout: try config.duration(
                "update.chunk_timeout",
                default: .seconds(5),
                range: .milliseconds(100)...(.seconds(600))
            )
        )
    }
}
