/// How post-training quantization turns the values seen on calibration inputs into a tensor's range.
public enum CalibrationMethod: Sendable, Hashable {
    /// The smallest and largest value seen.
    case minMax
    /// The `percentile` and `100 − percentile` percentiles of the values seen (e.g. 99.99), which ignores rare
    /// outliers; `percentile` in 50...100.
    case percentile(Double)

    /// The calibrated range of `values`, widened to include 0 so that 0 is exactly representable.
    func range(of values: [Float]) -> ClosedRange<Float> {
        guard !values.isEmpty else { return 0...0 }
        let low: Float
        let high: Float
        switch self {
        case .minMax:
            low = values.min()!
            high = values.max()!
        case .percentile(let percentile):
            let sorted = values.sorted()
            let fraction = min(max(percentile, 50), 100) / 100
            let top = Int((Double(sorted.count - 1) * fraction).rounded())
            low = sorted[sorted.count - 1 - top]
            high = sorted[top]
        }
        return min(low, 0)...max(high, 0)
    }

    /// Asymmetric int8 parameters covering `range`: scale = (max − min) / 255, zero point = round(−128 − min/scale).
    static func parameters(for range: ClosedRange<Float>) -> QuantizationParameters {
        let width = range.upperBound - range.lowerBound
        guard width > 0, width.isFinite else { return QuantizationParameters(scale: 1, zeroPoint: 0) }
        let scale = width / 255
        let zeroPoint = (-128 - range.lowerBound / scale).rounded(.toNearestOrAwayFromZero)
        return QuantizationParameters(scale: scale, zeroPoint: Int32(min(max(zeroPoint, -128), 127)))
    }
}
