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
