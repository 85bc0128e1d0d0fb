/// In-place sorting of a slice of order-preserving `UInt64` keys (see ``MergedOrder/key(_:)``): an adaptive
/// most-significant-digit radix sort whose digits cover only the slice's own key range, so that a slice of close
/// values is split as finely as a slice of spread ones; slices of at most ``insertionLimit`` keys get an insertion
/// sort, and a slice whose keys are all equal is left as it is after one scan, so ties cost linear time.
enum KeySliceSort {
    /// At or below this many keys an insertion sort beats a radix pass.
    static let insertionLimit = 24
    /// Most bits per digit: 2,048 counters stay in the L1 cache.
    private static let maxDigitBits = 11
    /// Fewest bits per digit, which bounds the recursion depth to 64 / 4 levels.
    private static let minDigitBits = 4
    private static let levels = 64 / minDigitBits + 1

    /// Counters the sort needs beside its scratch keys: one digit's worth per recursion level.
    static let counterCount = levels << maxDigitBits

    /// Sorts `keys[start..<end]` ascending, using `scratch` (room for `end − start` keys) and `counters`
    /// (``counterCount`` integers) as working memory.
    static func sort(
        _ keys: UnsafeMutablePointer<UInt64>,
        _ start: Int,
        _ end: Int,
        scratch: UnsafeMutablePointer<UInt64>,
        counters: UnsafeMutablePointer<Int>
    ) {
        sort(keys, start, end, scratch, counters, level: 0)
    }

    private static func sort(
        _ keys: UnsafeMutablePointer<UInt64>,
        _ start: Int,
        _ end: Int,
        _ scratch: UnsafeMutablePointer<UInt64>,
        _ allCounts: UnsafeMutablePointer<Int>,
        level: Int
    ) {
        let count = end - start
        if count <= insertionLimit {
            insertionSort(keys, start, end)
            return
        }
        var (low, high) = (keys[start], keys[start])
        for index in (start + 1)..<end {
            let key = keys[index]
            low = Swift.min(low, key)
            high = Swift.max(high, key)
        }
        let range = high &- low
        guard range != 0 else { return }
        let digitBits = Swift.min(Swift.max(Int.bitWidth - count.leadingZeroBitCount - 2, minDigitBits), maxDigitBits)
        let rangeBits = UInt64.bitWidth - range.leadingZeroBitCount
        let shift = UInt64(Swift.max(rangeBits - digitBits, 0))
        let digits = Int((range >> shift) + 1)
        let counts = allCounts + level << maxDigitBits
        counts.update(repeating: 0, count: digits)
        for index in start..<end { counts[Int((keys[index] &- low) >> shift)] += 1 }
        var running = 0
        for digit in 0..<digits {
            let size = counts[digit]
            counts[digit] = running
            running += size
        }
        for index in start..<end {
            let key = keys[index]
            let digit = Int((key &- low) >> shift)
            scratch[counts[digit]] = key
            counts[digit] += 1
        }
        (keys + start).update(from: scratch, count: count)
        // With a shift of 0 every digit holds one key value, so its slice is sorted already.
        guard shift > 0 else { return }
        var lower = start
        for digit in 0..<digits {
            let upper = start + counts[digit]
            if upper - lower > 1 { sort(keys, lower, upper, scratch, allCounts, level: level + 1) }
            lower = upper
        }
    }

    @inline(__always)
    private static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, _ start: Int, _ end: Int) {
        guard end - start > 1 else { return }
        for index in (start + 1)..<end {
            let key = keys[index]
            var slot = index
            while slot > start, keys[slot - 1] > key {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = key
        }
    }
}

/// Working memory of ``KeySliceSort``, kept across the buckets that are sorted.
struct SortWorkspace {
    var scratch: [UInt64] = []
    var counters = [Int](repeating: 0, count: KeySliceSort.counterCount)
}
