@testable import DriftStatistics

/// The two-sample KS statistic as the module computed it before the bucketed walk: both samples sorted, then walked
/// in merged order, `Double(i) / n₁ − Double(j) / n₂` taken after every distinct value until one sample is used up.
/// The oracle that ``KolmogorovSmirnov/statistic(unsorted:_:)`` must equal bit for bit.
enum SortedMergeWalk {
    static func statistic(_ x: [Double], _ y: [Double]) -> Double {
        let (a, b) = (x.sorted(), y.sorted())
        let (n1, n2) = (Double(a.count), Double(b.count))
        var (largest, smallest) = (0.0, 0.0)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            let value = Swift.min(a[i], b[j])
            while i < a.count, a[i] <= value { i += 1 }
            while j < b.count, b[j] <= value { j += 1 }
            let difference = Double(i) / n1 - Double(j) / n2
            if difference > largest { largest = difference }
            if difference < smallest { smallest = difference }
        }
        return Swift.max(largest, Swift.min(-smallest, 1))
    }

    /// The bucketed statistic on the same samples.
    static func bucketed(_ x: [Double], _ y: [Double]) -> Double {
        x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in KolmogorovSmirnov.statistic(unsorted: x, y) }
        }
    }
}
