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

/// A bucket whose inner points may hold an extreme: where the walk stands before it, and where its values start in
/// the gathered arrays (the next candidate's starts are its ends).
struct CandidateBucket {
    /// Values of the first sample before the bucket.
    var i: Int
    /// Values of the second sample before the bucket.
    var j: Int
    /// Where the bucket's first-sample values start in the gathered first-sample values.
    var first: Int
    /// Where the bucket's second-sample values start in the gathered second-sample values.
    var second: Int
}
