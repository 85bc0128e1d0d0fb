/// Symmetric per-tensor int8 quantization for update deltas: scale = max|x| / 127, q = x / scale rounded half away
/// from zero (TFLite's rounding), in [−127, 127]; an all-zero tensor has scale 0.
enum Int8Quantization {
    /// The scale and quantized values of finite `values`.
    static func quantize(_ values: [Float]) -> (scale: Float, values: [Int8]) {
        let largest = values.reduce(Float(0)) { max($0, abs($1)) }
        guard largest > 0 else { return (0, [Int8](repeating: 0, count: values.count)) }
        let scale = largest / 127
        let quantized = values.map { value -> Int8 in
            Int8(max(-127, min(127, (value / scale).rounded(.toNearestOrAwayFromZero))))
        }
        return (scale, quantized)
    }
}
