/// Jensen–Shannon distance between two discrete distributions, as `scipy.spatial.distance.jensenshannon(p, q, base)`:
/// both normalised to sum 1, `m = (p + q)/2`, `sqrt((KL(p‖m) + KL(q‖m)) / (2 ln base))`.
public enum JensenShannon {
    /// The distance, in [0, 1] with base 2 and [0, √ln 2] with base e (`base` nil).
    /// - Throws: `.mismatch` for different lengths, `.empty` for an empty vector or one summing to 0, `.notFinite`
    ///   for a NaN or infinite weight, `.invalid` for a negative weight or a base ≤ 0 or 1.
    public static func distance(_ p: [Double], _ q: [Double], base: Double? = nil) throws(DriftError) -> Double {
        guard p.count == q.count else { throw DriftError(.mismatch, "jensenshannon: \(p.count) vs \(q.count)") }
        guard (p + q).allSatisfy(\.isFinite) else {
            throw DriftError(.notFinite, "jensenshannon: a weight is NaN or infinite")
        }
        guard (p + q).allSatisfy({ $0 >= 0 }) else { throw DriftError(.invalid, "jensenshannon: negative weight") }
        if let base, base <= 0 || base == 1 || !base.isFinite {
            throw DriftError(.invalid, "jensenshannon: base \(base)")
        }
        let (pSum, qSum) = (p.reduce(0, +), q.reduce(0, +))
        guard pSum > 0, qSum > 0 else { throw DriftError(.empty, "jensenshannon: a distribution sums to 0") }
        var left = 0.0
        var right = 0.0
        for index in p.indices {
            let (a, b) = (p[index] / pSum, q[index] / qSum)
            let m = (a + b) / 2
            left += relativeEntropy(a, m)
            right += relativeEntropy(b, m)
        }
        var divergence = left + right
        if let base { divergence /= DriftMath.ln(base) }
        return (divergence / 2).squareRoot()
    }

    /// scipy's `rel_entr`: `x ln(x/y)`, 0 at `x = 0`.
    private static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        x > 0 ? (y > 0 ? x * DriftMath.ln(x / y) : .infinity) : 0
    }
}
