/// How ``UpdateCodec`` writes a model delta: values as float32 or int8 with one scale per tensor, and optionally only
/// the largest-magnitude fraction of each tensor (top-k sparsification; the rest decode as 0).
public struct UpdateEncoding: Sendable, Equatable {
    /// How values are stored.
    public enum Quantization: Sendable, Equatable {
        /// Four bytes per value, exact.
        case float32
        /// One byte per value: symmetric int8 in [−127, 127] with scale `max|x| / 127` per tensor, rounded half away
        /// from zero (as TFLite); the error per value is at most half a scale step.
        case int8
    }

    /// How values are stored.
    public var quantization: Quantization
    /// The fraction of each tensor's values kept, largest magnitudes first (ties to the lower index), in (0, 1];
    /// nil keeps every value and writes no indices.
    public var topKFraction: Double?

    /// Creates an encoding.
    public init(quantization: Quantization, topKFraction: Double? = nil) {
        self.quantization = quantization
        self.topKFraction = topKFraction
    }

    /// Every value as float32.
    public static let float32 = UpdateEncoding(quantization: .float32)
    /// Every value as int8 with a per-tensor scale.
    public static let int8 = UpdateEncoding(quantization: .int8)

    /// The number of values kept from a tensor of `count` (at least one of a non-empty tensor).
    func keptCount(of count: Int) -> Int {
        guard let fraction = topKFraction, count > 0 else { return count }
        return min(count, max(1, Int((fraction * Double(count)).rounded(.up))))
    }
}
