/// One labelled feature vector of a feature snapshot: what a device computed for a window whose true label it knew.
public struct LabelledVector: Sendable, Hashable {
    /// The device that computed it.
    public var device: String
    /// The true class.
    public var label: String
    /// The features, in the snapshot pipeline's order.
    public var values: [Float]

    /// A vector as given.
    public init(device: String, label: String, values: [Float]) {
        self.device = device
        self.label = label
        self.values = values
    }
}
