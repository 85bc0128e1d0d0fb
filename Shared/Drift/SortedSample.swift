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
        var keys = values.map(key)
        var scratch = [UInt64](repeating: 0, count: count)
        let mask = UInt64(1 << digitBits - 1)
        var offsets = [Int](repeating: 0, count: 1 << digitBits)
        var shift: UInt64 = 0
        while shift < 64 {
            let pass = shift
            shift += UInt64(digitBits)
            let skipped = keys.withUnsafeBufferPointer { source in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    for index in offsets.indices { offsets[index] = 0 }
                    for key in source { offsets[Int((key >> pass) & mask)] += 1 }
                    // A digit every key shares (the sign and exponent bits of similar values) needs no pass.
                    return offsets[Int((source[0] >> pass) & mask)] == source.count
                }
            }
            if skipped { continue }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    offsets.withUnsafeMutableBufferPointer { offsets in
                        var running = 0
                        for index in offsets.indices {
                            let bucket = offsets[index]
                            offsets[index] = running
                            running += bucket
                        }
                        for key in source {
                            let digit = Int((key >> pass) & mask)
                            target[offsets[digit]] = key
                            offsets[digit] += 1
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
