/// Bounds on what the artifact reader accepts, so a hostile file cannot make it allocate without limit.
public struct ArtifactLimits: Sendable, Hashable {
    /// Largest decompressed body (manifest + tensor data), bytes.
    public var maxBodyBytes: Int
    /// Largest manifest, bytes.
    public var maxManifestBytes: Int
    /// Most tensors in one artifact.
    public var maxTensors: Int
    /// Most layers in one model.
    public var maxLayers: Int
    /// Largest element count of one activation tensor (a layer output), which the runtime allocates.
    public var maxActivationElements: Int

    /// Limits with the given values.
    public init(
        maxBodyBytes: Int = 64 << 20,
        maxManifestBytes: Int = 1 << 20,
        maxTensors: Int = 1024,
        maxLayers: Int = 256,
        maxActivationElements: Int = 1 << 22
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxManifestBytes = maxManifestBytes
        self.maxTensors = maxTensors
        self.maxLayers = maxLayers
        self.maxActivationElements = maxActivationElements
    }

    /// The defaults: 64 MiB body, 1 MiB manifest, 1,024 tensors, 256 layers, 4 M elements per activation.
    public static let standard = ArtifactLimits()
}
