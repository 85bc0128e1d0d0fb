import Testing

@testable import DriftStatistics

/// The bucketed KS statistic equals the sorted merge walk bit for bit, and its key sort equals a comparison sort.
@Suite struct MergedOrderTests {
    /// Sizes around the thresholds: one value, the insertion sort's limit (24), the grid's first buckets (total / 8),
    /// the former radix threshold (16,384) and the grid's cap (2^16 buckets at 2^19 values in all).
    static let sizes: [(Int, Int)] = [
        (1, 1), (1, 5), (23, 25), (24, 24), (40, 9), (300, 301), (16_383, 16_385), (262_144, 262_200),
    ]

    static let cases: [(MergedOrderSample, MergedOrderSample)] = MergedOrderSample.Shape.allCases.flatMap { shape in
        sizes.enumerated().map { index, size in
            (
                MergedOrderSample(shape: shape, count: size.0, seed: UInt64(2 * index + 1)),
                MergedOrderSample(shape: shape, count: size.1, seed: UInt64(2 * index + 2), shift: 0.01)
            )
        }
    }

    @Test(arguments: cases)
    func bucketedStatisticEqualsSortedWalk(x: MergedOrderSample, y: MergedOrderSample) {
        let (first, second) = (x.values, y.values)
        let expected = SortedMergeWalk.statistic(first, second)
        let actual = SortedMergeWalk.bucketed(first, second)
        #expect(actual.bitPattern == expected.bitPattern, "\(x) vs \(y): \(actual) vs \(expected)")
    }

    @Test(arguments: MergedOrderSample.Shape.allCases)
    func mixedShapesEqualSortedWalk(shape: MergedOrderSample.Shape) {
        let first = MergedOrderSample(shape: shape, count: 5_000, seed: 40).values
        let second = MergedOrderSample(shape: .continuous, count: 3_000, seed: 41, shift: -0.5).values
        #expect(
            SortedMergeWalk.bucketed(first, second).bitPattern == SortedMergeWalk.statistic(first, second).bitPattern
        )
    }

    @Test func signedZerosAreOneValue() {
        #expect(SortedMergeWalk.bucketed([-0.0, -0.0], [0.0, 0.0]) == 0)
        #expect(SortedMergeWalk.bucketed([-0.0, 1], [0.0, 0.0]) == 0.5)
    }

    @Test func sharedValuesStepBothCDFsTogether() {
        // At 1 both CDFs reach 1/2 and 1/3; counted separately the walk would pass through 1/2 − 0.
        #expect(SortedMergeWalk.bucketed([1, 2], [1, 2, 2]) == 1.0 / 2 - 1.0 / 3)
        #expect(SortedMergeWalk.bucketed([3, 3, 3, 3], [3]) == 0)
    }

    @Test(arguments: [
        (MergedOrderSample.Shape.continuous, 24), (.continuous, 25), (.tied, 10_000), (.skewed, 10_000),
        (.constant, 100), (.signedZeros, 1_000), (.subnormal, 5_000), (.infinite, 3_000), (.outlier, 4_000),
    ])
    func keySliceSortEqualsComparisonSort(shape: MergedOrderSample.Shape, count: Int) {
        var keys = MergedOrderSample(shape: shape, count: count, seed: 7).values.map(MergedOrder.key)
        let expected = keys.sorted()
        var scratch = [UInt64](repeating: 0, count: count)
        var counters = [Int](repeating: 0, count: KeySliceSort.counterCount)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                counters.withUnsafeMutableBufferPointer { counters in
                    KeySliceSort.sort(
                        keys.baseAddress!,
                        0,
                        count,
                        scratch: scratch.baseAddress!,
                        counters: counters.baseAddress!
                    )
                }
            }
        }
        #expect(keys == expected)
    }

    @Test func keysOrderAsNumbers() {
        let values: [Double] = [-.infinity, -1e300, -1, -0x1p-1074, 0, 0x1p-1074, 1, 1e300, .infinity]
        let keys = values.map(MergedOrder.key)
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
        #expect(MergedOrder.key(-0.0) == MergedOrder.key(0.0))
    }
}
