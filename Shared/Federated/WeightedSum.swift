/// The FedAvg kernel: `sum += Σ weight_k × values_k`, float32 in, float64 sums, in place, eight clients per pass so
/// that the sums are loaded and stored once per eight updates read.
enum WeightedSum {
    /// Coordinates summed over every client before moving on: 4 Ki float64 sums (32 KiB) stay in L1 while the
    /// clients' 16 KiB slices stream through once.
    static let blockLength = 4_096
    /// Clients summed per pass over the sums.
    static let groupSize = 8

    /// Adds `weight × values[i]` to `sums[i]` for every i (the two have equal counts).
    @inline(__always)
    static func accumulate(
        _ values: UnsafeBufferPointer<Float>,
        weight: Double,
        into sums: UnsafeMutableBufferPointer<Double>
    ) {
        guard let source = values.baseAddress, let target = sums.baseAddress else { return }
        let count = values.count
        let weights = SIMD8<Double>(repeating: weight)
        let raw = UnsafeRawPointer(source)
        let output = UnsafeMutableRawPointer(target)
        var index = 0
        while index + 8 <= count {
            let current = output.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Double>.self)
            let next = current + weights * widened(raw, index)
            output.storeBytes(of: next, toByteOffset: index * 8, as: SIMD8<Double>.self)
            index += 8
        }
        while index < count {
            target[index] += weight * Double(source[index])
            index += 1
        }
    }

    /// Adds `Σ weights[k] × sources[k][i]` to `sums[i]` for i in 0..<count, for exactly ``groupSize`` sources.
    @inline(__always)
    static func accumulateGroup(
        _ sources: UnsafeBufferPointer<UnsafePointer<Float>>,
        weights: UnsafeBufferPointer<Double>,
        count: Int,
        into sums: UnsafeMutablePointer<Double>
    ) {
        let p0 = UnsafeRawPointer(sources[0])
        let p1 = UnsafeRawPointer(sources[1])
        let p2 = UnsafeRawPointer(sources[2])
        let p3 = UnsafeRawPointer(sources[3])
        let p4 = UnsafeRawPointer(sources[4])
        let p5 = UnsafeRawPointer(sources[5])
        let p6 = UnsafeRawPointer(sources[6])
        let p7 = UnsafeRawPointer(sources[7])
        let w0 = SIMD8<Double>(repeating: weights[0])
        let w1 = SIMD8<Double>(repeating: weights[1])
        let w2 = SIMD8<Double>(repeating: weights[2])
        let w3 = SIMD8<Double>(repeating: weights[3])
        let w4 = SIMD8<Double>(repeating: weights[4])
        let w5 = SIMD8<Double>(repeating: weights[5])
        let w6 = SIMD8<Double>(repeating: weights[6])
        let w7 = SIMD8<Double>(repeating: weights[7])
        let output = UnsafeMutableRawPointer(sums)
        var index = 0
        while index + 8 <= count {
            var sum = output.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Double>.self)
            sum +=
                (w0 * widened(p0, index) + w1 * widened(p1, index))
                + (w2 * widened(p2, index) + w3 * widened(p3, index))
            sum +=
                (w4 * widened(p4, index) + w5 * widened(p5, index))
                + (w6 * widened(p6, index) + w7 * widened(p7, index))
            output.storeBytes(of: sum, toByteOffset: index * 8, as: SIMD8<Double>.self)
            index += 8
        }
        while index < count {
            for source in 0..<groupSize {
                sums[index] += weights[source] * Double(sources[source][index])
            }
            index += 1
        }
    }

    /// Eight floats from `base + index × 4`, widened to float64.
    @inline(__always)
    private static func widened(_ base: UnsafeRawPointer, _ index: Int) -> SIMD8<Double> {
        SIMD8<Double>(base.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self))
    }
}
