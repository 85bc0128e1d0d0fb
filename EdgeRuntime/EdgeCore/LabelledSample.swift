/// A feature vector with its ground-truth label, kept on the device for local (federated) training; it never leaves
/// the device unless `telemetry.features: labelled` is set.
public struct LabelledSample: Sendable, Equatable {
    /// The true class.
    public let label: String
    /// Unix milliseconds of the window's first sample.
    public let windowStartMs: Int64
    /// The features, in the pipeline's order.
    public let values: [Float]

    /// A sample.
    public init(label: String, windowStartMs: Int64, values: [Float]) {
        self.label = label
        self.windowStartMs = windowStartMs
        self.values = values
    }
}
