/// Raw values of one feature on both sides of a comparison (a device's baseline period and its current window),
/// when the device sends its feature vectors: KS and Wasserstein are then computed on them exactly.
public struct RawSamples: Sendable, Equatable {
    /// Values of the reference side, finite.
    public var reference: [Double]
    /// Values of the current side, finite.
    public var current: [Double]

    /// Both sides' values; non-finite ones are left out (the summaries count them apart).
    public init(reference: [Double], current: [Double]) {
        self.reference = reference.filter(\.isFinite)
        self.current = current.filter(\.isFinite)
    }
}
