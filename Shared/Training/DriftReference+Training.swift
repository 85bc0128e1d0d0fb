import EdgeModel

extension DriftReference {
    /// The drift reference of a training set: for every column of `samples` (one row per sample, `names.count`
    /// columns) a histogram over `bins` equal-width bins fixed between the column's training min and max (a
    /// constant column gets bins over `value ± 0.5`), and its moments (population std, biased skewness, excess
    /// kurtosis; skewness and kurtosis are 0 for a constant column). `bins` is clamped to ≥ 1. Rows that do not
    /// have `names.count` values are skipped.
    public init(training samples: [[Float]], names: [String], bins: Int) {
        let rows = samples.filter { $0.count == names.count }
        let bins = max(bins, 1)
        self.init(
            features: names.indices.map { column in
                FeatureDistribution(
                    name: names[column],
                    values: rows.map { Double($0[column]) },
                    bins: bins
                )
            }
        )
    }
}

extension FeatureDistribution {
    /// The histogram and moments of `values` (see ``DriftReference/init(training:names:bins:)``).
    init(name: String, values: [Double], bins: Int) {
        let count = values.count
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let (start, end) = low < high ? (low, high) : (low - 0.5, high + 0.5)
        let width = (end - start) / Double(bins)
        let edges = (0...bins).map { $0 == bins ? end : start + Double($0) * width }
        var counts = [Int](repeating: 0, count: bins)
        for value in values { counts[Swift.min(Swift.max(Int((value - start) / width), 0), bins - 1)] += 1 }
        let mean = count == 0 ? 0 : values.reduce(0, +) / Double(count)
        var (m2, m3, m4) = (0.0, 0.0, 0.0)
        for value in values {
            let d = value - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        let n = Double(Swift.max(count, 1))
        (m2, m3, m4) = (m2 / n, m3 / n, m4 / n)
        let std = m2.squareRoot()
        let constant = m2 <= 1e-30 * Swift.max(mean * mean, 1)
        self.init(
            name: name,
            binEdges: edges,
            counts: counts,
            count: count,
            mean: mean,
            std: std,
            skewness: constant ? 0 : m3 / (m2 * std),
            kurtosis: constant ? 0 : m4 / (m2 * m2) - 3,
            min: low,
            max: high
        )
    }
}
