extension KolmogorovSmirnov {
    /// `sup |F₁ − F₂|` over two samples in any order, both CDFs taken right-continuous at every value of either
    /// sample, without sorting them. Equal bit for bit to the walk over both samples sorted that takes, at each
    /// distinct value in turn, `Double(i) / n₁ − Double(j) / n₂` with `i` and `j` the values at most that value, and
    /// returns `max(largest, min(−smallest, 1))` over those differences and 0; 0 when a sample is empty.
    ///
    /// Both samples are counted on one grid of buckets over their common range (``BucketGrid``). Values in different
    /// buckets differ, so the point after each bucket (both samples' counts up to it) is a point of the merged walk;
    /// the extremes over those points are a first answer. A point inside a bucket lies between the bucket's bounds
    /// (all of its first sample's values taken and none of the second's, or the reverse), and as rounding is monotone
    /// its computed difference lies between the bounds computed the same way. So only the few buckets whose bounds
    /// pass the extremes found so far can change them: their values are gathered in a second pass and get a finer
    /// grid of their own when many (skewed data), else are sorted as order-preserving keys (``KeySliceSort``) and
    /// walked in merged order.
    ///
    /// −0.0 and +0.0 are one value, as they compare equal. The values must not be NaN; infinities are allowed (they
    /// leave one bucket, and every value is sorted).
    static func statistic(unsorted first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>) -> Double
    {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        var walk = CDFWalk(Double(first.count), Double(second.count))
        var workspace = SortWorkspace()
        walk.visit(first, second, from: (0, 0), depth: 0, &workspace)
        return walk.statistic
    }
}

/// A bucket whose inner points may hold an extreme: where the walk stands before it, and where its values start in
/// the gathered arrays (the next candidate's starts are its ends).
struct CandidateBucket {
    var i: Int
    var j: Int
    var first: Int
    var second: Int
}

/// Working memory of ``KeySliceSort``, kept across the buckets that are sorted.
struct SortWorkspace {
    var scratch: [UInt64] = []
    var counters = [Int](repeating: 0, count: KeySliceSort.counterCount)
}

/// The extremes of `F₁ − F₂` over points of the merged walk, each computed as `Double(i) / n₁ − Double(j) / n₂`.
struct CDFWalk {
    /// Candidate buckets holding more values than this get a grid of their own rather than a sort.
    static let refineLimit = 4_096
    /// Grids within grids at most; deeper candidates are sorted, whatever their size.
    static let maxDepth = 4

    private let n1: Double
    private let n2: Double
    private(set) var largest = 0.0
    private(set) var smallest = 0.0

    init(_ n1: Double, _ n2: Double) {
        (self.n1, self.n2) = (n1, n2)
    }

    /// The statistic from the extremes: the larger of the largest difference and minus the smallest (at most 1).
    var statistic: Double { Swift.max(largest, Swift.min(-smallest, 1)) }

    @inline(__always)
    private func difference(_ i: Int, _ j: Int) -> Double {
        Double(i) / n1 - Double(j) / n2
    }

    /// Takes the point after `i` values of the first sample and `j` of the second.
    @inline(__always)
    private mutating func visit(_ i: Int, _ j: Int) {
        let difference = difference(i, j)
        largest = Swift.max(largest, difference)
        smallest = Swift.min(smallest, difference)
    }

    /// Takes every point that can be an extreme among values `first` and `second`, all greater than the
    /// `start.i + start.j` values before them and smaller than those after them. The walk's end after them is taken
    /// by the caller.
    mutating func visit(
        _ first: UnsafeBufferPointer<Double>,
        _ second: UnsafeBufferPointer<Double>,
        from start: (i: Int, j: Int),
        depth: Int,
        _ workspace: inout SortWorkspace
    ) {
        let grid = BucketGrid(first, second)
        guard grid.buckets > 1, depth < Self.maxDepth else {
            return sortAndVisit(first, second, from: start, &workspace)
        }
        // Per bucket, the first then the second sample's count, later the candidates' write positions.
        var tally = [Int](repeating: 0, count: 2 * grid.buckets)
        tally.withUnsafeMutableBufferPointer { tally in
            grid.count(first, into: tally.baseAddress!)
            grid.count(second, into: tally.baseAddress! + 1)
        }
        var (i, j) = start
        for bucket in 0..<grid.buckets {
            i += tally[2 * bucket]
            j += tally[2 * bucket + 1]
            visit(i, j)
        }
        var candidates: [CandidateBucket] = []
        var (firstGathered, secondGathered) = (0, 0)
        (i, j) = start
        for bucket in 0..<grid.buckets {
            let (size1, size2) = (tally[2 * bucket], tally[2 * bucket + 1])
            if difference(i + size1, j) > largest || difference(i, j + size2) < smallest {
                candidates.append(CandidateBucket(i: i, j: j, first: firstGathered, second: secondGathered))
                (tally[2 * bucket], tally[2 * bucket + 1]) = (firstGathered, secondGathered)
                firstGathered += size1
                secondGathered += size2
            } else {
                (tally[2 * bucket], tally[2 * bucket + 1]) = (-1, -1)
            }
            (i, j) = (i + size1, j + size2)
        }
        guard !candidates.isEmpty else { return }
        candidates.append(CandidateBucket(i: i, j: j, first: firstGathered, second: secondGathered))
        var firstValues = [Double](repeating: 0, count: firstGathered)
        var secondValues = [Double](repeating: 0, count: secondGathered)
        tally.withUnsafeMutableBufferPointer { tally in
            grid.gather(first, positions: tally.baseAddress!, into: &firstValues)
            grid.gather(second, positions: tally.baseAddress! + 1, into: &secondValues)
        }
        firstValues.withUnsafeBufferPointer { firstValues in
            secondValues.withUnsafeBufferPointer { secondValues in
                for (bucket, next) in zip(candidates, candidates.dropFirst()) {
                    let a = UnsafeBufferPointer(rebasing: firstValues[bucket.first..<next.first])
                    let b = UnsafeBufferPointer(rebasing: secondValues[bucket.second..<next.second])
                    if a.count + b.count > Self.refineLimit {
                        visit(a, b, from: (bucket.i, bucket.j), depth: depth + 1, &workspace)
                    } else {
                        sortAndVisit(a, b, from: (bucket.i, bucket.j), &workspace)
                    }
                }
            }
        }
    }

    /// Sorts the keys of `first` and `second` and takes every point among them in merged order.
    private mutating func sortAndVisit(
        _ first: UnsafeBufferPointer<Double>,
        _ second: UnsafeBufferPointer<Double>,
        from start: (i: Int, j: Int),
        _ workspace: inout SortWorkspace
    ) {
        // Values of one sample only move the difference one way, from the point before them to the one after.
        guard !first.isEmpty, !second.isEmpty else { return }
        var a = MergedOrder.keys(first)
        var b = MergedOrder.keys(second)
        let largestCount = Swift.max(first.count, second.count)
        if workspace.scratch.count < largestCount {
            workspace.scratch = [UInt64](repeating: 0, count: largestCount)
        }
        workspace.scratch.withUnsafeMutableBufferPointer { scratch in
            workspace.counters.withUnsafeMutableBufferPointer { counters in
                a.withUnsafeMutableBufferPointer { a in
                    b.withUnsafeMutableBufferPointer { b in
                        let (scratch, counters) = (scratch.baseAddress!, counters.baseAddress!)
                        KeySliceSort.sort(a.baseAddress!, 0, first.count, scratch: scratch, counters: counters)
                        KeySliceSort.sort(b.baseAddress!, 0, second.count, scratch: scratch, counters: counters)
                    }
                }
            }
        }
        var (p, q) = (0, 0)
        var value = UInt64.min
        // One step per distinct value, without a branch on which sample holds it; the sentinel after each sample's
        // keys is larger than any of them.
        while p < first.count, q < second.count {
            let (u, v) = (a[p], b[q])
            value = Swift.min(u, v)
            p += u == value ? 1 : 0
            q += v == value ? 1 : 0
            // Both CDFs step together at a value the two samples share: a point counts once both have passed it.
            if Swift.min(a[p], b[q]) > value { visit(start.i + p, start.j + q) }
        }
        while a[p] == value { p += 1 }
        while b[q] == value { q += 1 }
        // The rest is one sample's: the difference runs monotonically from here to the end, taken by the caller.
        visit(start.i + p, start.j + q)
    }
}

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

/// The order-preserving integer image of a double.
enum MergedOrder {
    /// The bit pattern of `value` flipped so that unsigned integer order is numeric order, with −0.0 mapped to the
    /// key of +0.0 as the two compare equal.
    /// The keys of `values` in their order, followed by a sentinel `UInt64.max`, larger than the key of any number.
    static func keys(_ values: UnsafeBufferPointer<Double>) -> [UInt64] {
        var keys = [UInt64](repeating: .max, count: values.count + 1)
        for (index, value) in values.enumerated() { keys[index] = key(value) }
        return keys
    }

    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = (value + 0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
