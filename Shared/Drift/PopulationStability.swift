/// The population stability index between a reference histogram and a current one on the same bins:
/// `PSI = Σᵢ (cᵢ − rᵢ) · ln(cᵢ/rᵢ)` over bin shares `rᵢ = refᵢ/Σref`, `cᵢ = curᵢ/Σcur`, where a share of 0 is replaced
/// by ``emptyShare`` (= 1e-4, Evidently's choice) so that an empty bin costs a finite amount.
///
/// Rules of thumb: below 0.1 no drift, 0.1–0.2 moderate, at or above 0.2 drift (Evidently flags drift from 0.1).
public enum PopulationStability {
    /// Share used in place of an empty bin's 0.
    public static let emptyShare = 1e-4

    /// The index, ≥ 0.
    /// - Throws: `.mismatch` for different bin counts, `.empty` for a histogram with no counts, `.invalid` for a
    ///   negative count.
    public static func index(reference: [Int], current: [Int]) throws(DriftError) -> Double {
        guard reference.count == current.count else {
            throw DriftError(.mismatch, "psi: \(reference.count) reference bins vs \(current.count)")
        }
        guard (reference + current).allSatisfy({ $0 >= 0 }) else { throw DriftError(.invalid, "psi: negative count") }
        let (referenceTotal, currentTotal) = (Double(reference.reduce(0, +)), Double(current.reduce(0, +)))
        guard referenceTotal > 0, currentTotal > 0 else { throw DriftError(.empty, "psi: a histogram is empty") }
        var sum = 0.0
        for (r, c) in zip(reference, current) {
            let expected = r == 0 ? emptyShare : Double(r) / referenceTotal
            let actual = c == 0 ? emptyShare : Double(c) / currentTotal
            sum += (actual - expected) * DriftMath.ln(actual / expected)
        }
        return sum
    }
}
