/// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x)/Γ(a)`: the power series of `P = 1 − Q` below
/// `x = a + 1`, Lentz's continued fraction above (Numerical Recipes §6.2), both to double precision.
enum IncompleteGamma {
    /// `Q(a, x)` for `a > 0`; `x ≤ 0` gives 1, NaN gives NaN.
    static func upperRegularized(_ a: Double, _ x: Double) -> Double {
        if x.isNaN || a.isNaN || a <= 0 { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let logPrefix = a * DriftMath.ln(x) - x - DriftMath.logGamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var denominator = a
            for _ in 0..<10_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return Swift.max(0, 1 - sum * DriftMath.exponential(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return Swift.min(1, DriftMath.exponential(logPrefix) * fraction)
    }
}
