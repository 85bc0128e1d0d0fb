/// Survival function of the one-sided one-sample statistic `D_n⁺` (what scipy's `special.smirnov(n, x)` returns), by
/// the Birnbaum–Tingey sum `x · Σ_{j ≤ n(1−x)} C(n, j) (1 − x − j/n)^(n−j) (x + j/n)^(j−1)`, whose terms are all
/// positive. Each term is formed in logarithms; the sum stops once terms have passed their peak and fall below
/// 1e-17 of it. Relative error about 1e-13 at n = 10⁶ (the log-binomial accumulates one rounding per step).
enum SmirnovDistribution {
    static func survival(n: Int, x: Double) -> Double {
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let size = Double(n)
        let last = Int((size * (1 - x)).rounded(.down))
        let logX = DriftMath.ln(x)
        var logBinomial = 0.0
        var sum = 0.0
        var previous = 0.0
        for j in 0...last {
            if j > 0 { logBinomial += DriftMath.ln(Double(n - j + 1)) - DriftMath.ln(Double(j)) }
            let base = 1 - x - Double(j) / size
            let term: Double
            if n - j == 0 {
                term = DriftMath.exponential(logX + logBinomial + Double(j - 1) * DriftMath.ln(x + Double(j) / size))
            } else if base <= 0 {
                term = 0
            } else {
                term = DriftMath.exponential(
                    logX + logBinomial + Double(n - j) * DriftMath.ln(base) + Double(j - 1)
                        * DriftMath.ln(x + Double(j) / size)
                )
            }
            sum += term
            if j > 0, term < previous, term < sum * 1e-17 { break }
            previous = term
        }
        return Swift.min(Swift.max(sum, 0), 1)
    }
}
