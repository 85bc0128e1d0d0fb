/// Sorting of samples for the tests that need order statistics: a least-significant-digit radix sort on the order-
/// preserving integer image of each double (16-bit digits, four passes), which on large samples runs several times
/// faster than a comparison sort; small samples use the standard library's sort.
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

    private static func radixSorted(_ values: [Double]) -> [Double] {
        let count = values.count
        var keys = values.map(key)
        var scratch = [UInt64](repeating: 0, count: count)
        var buckets = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    buckets.withUnsafeMutableBufferPointer { offsets in
                        for index in offsets.indices { offsets[index] = 0 }
                        for key in source { offsets[Int((key >> shift) & 0xFFFF)] += 1 }
                        var running = 0
                        for index in offsets.indices {
                            let bucket = offsets[index]
                            offsets[index] = running
                            running += bucket
                        }
                        for key in source {
                            let digit = Int((key >> shift) & 0xFFFF)
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
