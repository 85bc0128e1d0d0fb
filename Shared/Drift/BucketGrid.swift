/// A linear grid of buckets over the common value range of both samples. The bucket of a value never decreases as
/// the value grows (subtraction and multiplication round monotonically), and equal values share a bucket.
struct BucketGrid {
    /// Most buckets: 65,536, so that a million values leave a few dozen per bucket.
    static let maxBucketBits = 16

    /// Number of buckets, a power of two: about one per eight values, at most 2^``maxBucketBits``; 1 when the range
    /// is empty or too wide or narrow for a finite scale.
    let buckets: Int
    private let low: Double
    private let scale: Double

    /// The grid over the range of both samples.
    init(_ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>) {
        var (low, high) = (Double.infinity, -Double.infinity)
        for value in first {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        for value in second {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        let total = first.count + second.count
        let bits = Swift.min(Swift.max(Int.bitWidth - total.leadingZeroBitCount - 3, 0), Self.maxBucketBits)
        let width = high - low
        let scale = Double(1 << bits) / width
        // A finite width keeps every `value − low` finite; a finite positive scale keeps their products finite.
        if width.isFinite, width > 0, scale.isFinite, scale > 0 {
            (buckets, self.low, self.scale) = (1 << bits, low, scale)
        } else {
            (buckets, self.low, self.scale) = (1, 0, 0)
        }
    }

    /// Adds each value's bucket to `tally[2 · bucket]`.
    func count(_ values: UnsafeBufferPointer<Double>, into tally: UnsafeMutablePointer<Int>) {
        for value in values { tally[2 * bucket(value)] += 1 }
    }

    /// Writes each value whose bucket has a position `positions[2 · bucket] ≥ 0` there, and advances it.
    func gather(
        _ values: UnsafeBufferPointer<Double>,
        positions: UnsafeMutablePointer<Int>,
        into target: inout [Double]
    ) {
        target.withUnsafeMutableBufferPointer { target in
            for value in values {
                let slot = 2 * bucket(value)
                let position = positions[slot]
                guard position >= 0 else { continue }
                target[position] = value
                positions[slot] = position + 1
            }
        }
    }

    @inline(__always)
    private func bucket(_ value: Double) -> Int {
        // One bucket takes no arithmetic, which an infinite value would turn into NaN.
        buckets == 1 ? 0 : Swift.min(Int((value - low) * scale), buckets - 1)
    }
}
