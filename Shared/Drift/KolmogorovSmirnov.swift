/// The two-sample Kolmogorov–Smirnov test, two-sided, as `scipy.stats.ks_2samp(x, y, method='auto')` computes it:
/// the largest distance between the two empirical CDFs, and its p-value exact when both samples have at most 10,000
/// values (and the exact computation stays in range), otherwise from the distribution of the one-sample statistic
/// with `n = round(n₁n₂/(n₁+n₂))` (scipy's "asymp").
public enum KolmogorovSmirnov {
    /// Largest sample size for which `method='auto'` tries the exact p-value.
    public static let maxExactSize = 10_000

    /// How a p-value was computed.
    public enum Method: String, Sendable {
        /// Exact distribution of the two-sample statistic (Hodges' lattice-path counts).
        case exact
        /// Distribution of the one-sample statistic at the effective sample size.
        case asymptotic
    }

    /// A statistic and its p-value.
    public struct Result: Sendable, Equatable {
        /// `D = sup |F₁ − F₂|`, in [0, 1]. After an exact p-value it is rounded to a multiple of `1/lcm(n₁, n₂)`, as
        /// scipy does.
        public var statistic: Double
        /// Probability of a statistic at least as large under the null hypothesis, in [0, 1].
        public var pValue: Double
        /// How `pValue` was computed.
        public var method: Method
    }

    /// The test on two raw samples (any order).
    /// - Throws: `.empty` when a sample is empty, `.notFinite` for a NaN or infinite value.
    public static func twoSample(_ x: [Double], _ y: [Double]) throws(DriftError) -> Result {
        guard !x.isEmpty, !y.isEmpty else { throw DriftError(.empty, "ks_2samp: a sample is empty") }
        try requireFinite(x, "ks_2samp x")
        try requireFinite(y, "ks_2samp y")
        let d = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in statistic(unsorted: x, y) } }
        return result(statistic: d, sizes: x.count, y.count)
    }

    private static func requireFinite(_ values: [Double], _ sample: String) throws(DriftError) {
        for value in values where !value.isFinite {
            throw DriftError(.notFinite, "\(sample): \(value) is not a finite number")
        }
    }

    /// The p-value of statistic `d` between samples of `n1` and `n2` values, by scipy's `method='auto'` rule.
    /// Sizes below 1 give a p-value of 1; `d` is clamped to [0, 1].
    public static func result(statistic d: Double, sizes n1: Int, _ n2: Int) -> Result {
        let d = Swift.min(Swift.max(d.isNaN ? 0 : d, 0), 1)
        guard n1 > 0, n2 > 0 else { return Result(statistic: d, pValue: 1, method: .exact) }
        if Swift.max(n1, n2) <= maxExactSize, let exact = exact(statistic: d, n1, n2) {
            return exact
        }
        let rounded = Swift.max(n1, n2) <= maxExactSize ? roundedStatistic(d, n1, n2) : d
        let (large, small) = (Double(Swift.max(n1, n2)), Double(Swift.min(n1, n2)))
        let effective = (large * small / (large + small)).rounded(.toNearestOrEven)
        let p = KolmogorovDistribution.survival(n: Int(effective), x: rounded)
        return Result(statistic: rounded, pValue: Swift.min(Swift.max(p, 0), 1), method: .asymptotic)
    }

    /// `d` rounded to the nearest multiple of `1/lcm(n₁, n₂)`, and that multiple.
    private static func lattice(_ d: Double, _ n1: Int, _ n2: Int) -> (h: Int, lcm: Int) {
        let lcm = (n1 / greatestCommonDivisor(n1, n2)) * n2
        return (Int((d * Double(lcm)).rounded(.toNearestOrEven)), lcm)
    }

    private static func roundedStatistic(_ d: Double, _ n1: Int, _ n2: Int) -> Double {
        let (h, lcm) = lattice(d, n1, n2)
        return Double(h) / Double(lcm)
    }

    /// The exact p-value, nil when it leaves [0, 1] (scipy then falls back to the asymptotic one).
    private static func exact(statistic d: Double, _ n1: Int, _ n2: Int) -> Result? {
        let (h, lcm) = lattice(d, n1, n2)
        let rounded = Double(h) / Double(lcm)
        guard h > 0 else { return Result(statistic: rounded, pValue: 1, method: .exact) }
        let p =
            n1 == n2
            ? ExactSmirnov.outsideSquare(n: n1, h: h)
            : ExactSmirnov.outsideBand(n1, n2, gcd: greatestCommonDivisor(n1, n2), h: h)
        guard p >= 0, p <= 1 else { return nil }
        return Result(statistic: rounded, pValue: p, method: .exact)
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
