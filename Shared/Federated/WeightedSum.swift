/// The FedAvg kernel: `sum += weight × values`, float32 in, float64 sums, in place.
enum WeightedSum {
    /// Coordinates summed over every client before moving on: 16 Ki floats read (64 KiB) into 128 KiB of sums,
    /// which stay in L2 while the clients' slices stream through once.
    static let blockLength = 16_384

    /// Adds `weight × values[i]` to `sums[i]` for every i (the two have equal counts).
    @inline(__always)
    static func accumulate(
        _ values: UnsafeBufferPointer<Float>,
        weight: Double,
        into sums: UnsafeMutableBufferPointer<Double>
    ) {
        let count = values.count
        guard count > 0, var source = values.baseAddress, var target = sums.baseAddress else { return }
        let vectorEnd = count & ~7
        var index = 0
        let weights = SIMD8<Double>(repeating: weight)
        while index < vectorEnd {
            let loaded = UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Float>.self)
            let current = UnsafeRawPointer(target).loadUnaligned(as: SIMD8<Double>.self)
            let widened = SIMD8<Double>(
                Double(loaded[0]),
                Double(loaded[1]),
                Double(loaded[2]),
                Double(loaded[3]),
                Double(loaded[4]),
                Double(loaded[5]),
                Double(loaded[6]),
                Double(loaded[7])
            )
            UnsafeMutableRawPointer(target).storeBytes(of: current + weights * widened, as: SIMD8<Double>.self)
            source += 8
            target += 8
            index += 8
        }
        while index < count {
            target.pointee += weight * Double(source.pointee)
            source += 1
            target += 1
            index += 1
        }
    }
}
