/// Sorting of samples for the tests that need order statistics: a least-significant-digit radix sort on the order-
/// preserving integer image of each double (11-bit digits, six passes at most, a pass skipped when every key has the
/// same digit), which on large samples runs several times faster than a comparison sort; small samples use the
/// standard library's sort.
enum SortedSample {
    /// Below this many values the comparison sort is faster than four radix passes over 65,536 buckets.
    static let radixThreshold = 16_384

    /// `values` in ascending order (−0.0 sorts before +0.0; they compare equal everywhere else).
    /// - Throws: `.notFinite` when a value is NaN or infinite, naming `sample`.
    static func sorted(_ values: [Double], _ sample: String) throws(DriftError) -> [Double] {
        for value in values where !value.isFinite {
            throw DriftError(.notFinite, "\(sample): \(value) is not a finite number")
        }
        guard values.count >= radixThreshold else { return values.sorted() }
        return radixSorted(values)
    }

    /// The bit pattern of `value` flipped so that unsigned integer order is numeric order.
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Bits per radix digit: 2,048 buckets (16 KB of offsets) stay in the L1 cache, where 65,536 would not.
    private static let digitBits = 11

    private static func radixSorted(_ values: [Double]) -> [Double] {
        let count = values.count
        let passes = (64 + digitBits - 1) / digitBits
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var keys = values.map(key)
        var scratch = [UInt64](repeating: 0, count: count)
        // Every pass's histogram from one read of the keys.
        var histograms = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { source in
            histograms.withUnsafeMutableBufferPointer { histograms in
                for key in source {
                    for pass in 0..<passes {
                        histograms[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1
                    }
                }
            }
        }
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            let base = pass * buckets
            // A digit every key shares (the sign and exponent bits of similar values) needs no pass.
            if histograms[base + Int((keys[0] >> shift) & mask)] == count { continue }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    histograms.withUnsafeMutableBufferPointer { histograms in
                        var running = 0
                        for index in base..<(base + buckets) {
                            let bucket = histograms[index]
                            histograms[index] = running
                            running += bucket
                        }
                        for key in source {
                            let slot = base + Int((key >> shift) & mask)
                            target[histograms[slot]] = key
                            histograms[slot] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return keys.map { key in
            Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
        }
    }
}
