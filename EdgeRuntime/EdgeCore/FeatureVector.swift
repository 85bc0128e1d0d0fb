import SignalFeatures
import WireProtocol

/// One window's features, as the edge hands them to inference.
public struct FeatureVector: Sendable, Hashable {
    /// The device whose sensor produced the samples.
    public let device: DeviceID
    /// The sensor, the last level of `sensors/{device}/{sensor}`.
    public let sensor: String
    /// Unix milliseconds of the window's first sample.
    public let windowStartMs: Int64
    /// Which pipeline made the vector: 0 for the one the edge started with, +1 at every replacement, so a consumer
    /// can tell vectors of an old pipeline from those of the current one.
    public let pipelineGeneration: Int
    /// The features, in the pipeline's `featureNames` order.
    public let values: [Float]
    /// The true label of the whole window, when the device was told it (``GroundTruth``); nil otherwise.
    public var label: String? = nil
}
