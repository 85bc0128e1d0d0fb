/// A small mergeable quantile sketch with a relative-error guarantee (DDSketch, Masson et al., VLDB 2019): values are
/// counted in logarithmic buckets `(γ^(i−1), γ^i]` with `γ = (1 + α)/(1 − α)`, one store for positive values, one for
/// negative ones (by magnitude) and a count of values with `|v| <` ``zeroThreshold``.
///
/// Any quantile it returns is within relative error ``relativeAccuracy`` (α = 2 %) of a value of that rank, as long as
/// a store spans at most ``maxBuckets`` buckets (a factor of about 3·10⁴ between its smallest and largest magnitude);
/// beyond that, the buckets of smallest magnitude are folded into the next one, which keeps the guarantee for the
/// large magnitudes only. Merging adds bucket counts, so it is exact, commutative and associative: a sketch of merged
/// streams equals the merge of their sketches.
public struct QuantileSketch: Sendable, Equatable {
    /// α: bound on `|estimate − true value| / |true value|`.
    public static let relativeAccuracy = 0.02
    /// Most buckets per store.
    public static let maxBuckets = 256
    /// Magnitudes below this are counted as zero.
    public static let zeroThreshold = 1e-9

    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    static let logGamma = DriftMath.ln(gamma)

    /// Positive values by bucket.
    private(set) var positive = BucketStore()
    /// Negative values by bucket of their magnitude.
    private(set) var negative = BucketStore()
    /// Values with magnitude below ``zeroThreshold``.
    private(set) var zeroCount: UInt64 = 0

    /// An empty sketch.
    public init() {}

    init(positive: BucketStore, negative: BucketStore, zeroCount: UInt64) {
        self.positive = positive
        self.negative = negative
        self.zeroCount = zeroCount
    }

    /// Values counted.
    public var count: UInt64 { positive.total + negative.total + zeroCount }

    /// Counts a finite value (a non-finite one is ignored: ``DistributionSummary`` counts those apart).
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        if value > Self.zeroThreshold {
            positive.add(Self.bucket(value))
        } else if value < -Self.zeroThreshold {
            negative.add(Self.bucket(-value))
        } else {
            zeroCount += 1
        }
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: QuantileSketch) {
        positive.merge(other.positive)
        negative.merge(other.negative)
        zeroCount += other.zeroCount
    }

    /// The value at quantile `q` (clamped to [0, 1]; rank `q·(count − 1)` rounded down), nil when empty.
    public func quantile(_ q: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let clamped = Swift.min(Swift.max(q.isNaN ? 0 : q, 0), 1)
        let rank = UInt64((clamped * Double(total - 1)).rounded(.down))
        var seen: UInt64 = 0
        for (bucket, bucketCount) in negative.descending {
            seen += bucketCount
            if seen > rank { return -Self.value(bucket) }
        }
        seen += zeroCount
        if seen > rank { return 0 }
        for (bucket, bucketCount) in positive.ascending {
            seen += bucketCount
            if seen > rank { return Self.value(bucket) }
        }
        return positive.ascending.last.map { Self.value($0.bucket) }
    }

    /// Bucket of a magnitude above the zero threshold: `⌈log_γ v⌉`.
    static func bucket(_ magnitude: Double) -> Int {
        Int((DriftMath.ln(magnitude) / logGamma).rounded(.up))
    }

    /// The representative of bucket `i`, `2γ^i/(γ + 1)`, within α of every value in it.
    static func value(_ bucket: Int) -> Double {
        2 * DriftMath.exponential(Double(bucket) * logGamma) / (gamma + 1)
    }
}

/// Contiguous bucket counts starting at bucket `offset`, at most ``QuantileSketch/maxBuckets`` long: adding or merging
/// below the window folds the lowest buckets into the first kept one.
struct BucketStore: Sendable, Equatable {
    private(set) var offset = 0
    private(set) var counts: [UInt64] = []

    init() {}

    /// A store as decoded; the caller checks the length limit.
    init(offset: Int, counts: [UInt64]) {
        self.offset = offset
        self.counts = counts
        trim()
    }

    var total: UInt64 { counts.reduce(0, +) }

    var ascending: [(bucket: Int, count: UInt64)] {
        counts.indices.compactMap { counts[$0] > 0 ? (offset + $0, counts[$0]) : nil }
    }

    var descending: [(bucket: Int, count: UInt64)] { ascending.reversed() }

    mutating func add(_ bucket: Int, count: UInt64 = 1) {
        guard count > 0 else { return }
        if counts.isEmpty {
            offset = bucket
            counts = [count]
            return
        }
        let high = Swift.max(offset + counts.count - 1, bucket)
        let low = Swift.max(Swift.min(offset, bucket), high - QuantileSketch.maxBuckets + 1)
        reshape(low: low, high: high)
        counts[Swift.max(bucket, low) - offset] += count
    }

    /// Adds `other`'s counts, reshaping the window once to the final one.
    mutating func merge(_ other: BucketStore) {
        guard !other.counts.isEmpty else { return }
        guard !counts.isEmpty else {
            self = other
            return
        }
        let high = Swift.max(offset + counts.count, other.offset + other.counts.count) - 1
        let low = Swift.max(Swift.min(offset, other.offset), high - QuantileSketch.maxBuckets + 1)
        reshape(low: low, high: high)
        for index in other.counts.indices {
            counts[Swift.max(other.offset + index, low) - low] += other.counts[index]
        }
    }

    /// Moves the window to `low...high`, folding counts below `low` into bucket `low`.
    private mutating func reshape(low: Int, high: Int) {
        guard low != offset || high != offset + counts.count - 1 else { return }
        var reshaped = [UInt64](repeating: 0, count: high - low + 1)
        for (index, count) in counts.enumerated() {
            reshaped[Swift.max(offset + index, low) - low] += count
        }
        offset = low
        counts = reshaped
    }

    /// Drops empty buckets at both ends, so that equal contents compare equal.
    private mutating func trim() {
        while let first = counts.first, first == 0 {
            counts.removeFirst()
            offset += 1
        }
        while let last = counts.last, last == 0 { counts.removeLast() }
        if counts.isEmpty { offset = 0 }
    }
}
