/// Pearson's chi-square goodness-of-fit test, as `scipy.stats.chisquare(observed, expected)` computes it:
/// `χ² = Σ (oᵢ − eᵢ)²/eᵢ` with `k − 1` degrees of freedom and the p-value `chi2.sf(χ², k − 1)`.
public enum ChiSquare {
    /// A statistic and its p-value.
    public struct Result: Sendable, Equatable {
        /// `Σ (oᵢ − eᵢ)²/eᵢ`.
        public var statistic: Double
        /// `P(χ²_{k−1} ≥ statistic)`, in [0, 1].
        public var pValue: Double
        /// Degrees of freedom, `k − 1`.
        public var degreesOfFreedom: Int
    }

    /// Relative difference allowed between `Σ observed` and `Σ expected`: scipy's `sqrt(machine epsilon)`.
    public static let sumTolerance = Double.ulpOfOne.squareRoot()

    /// The test of observed frequencies against expected ones (same length, at least 2 categories).
    /// - Throws: `.mismatch` for different lengths, `.empty` for fewer than 2 categories, `.notFinite` for a NaN or
    ///   infinite value, `.invalid` for a negative observation, an expected frequency ≤ 0, or sums that differ by more
    ///   than ``sumTolerance`` (relative).
    public static func test(observed: [Double], expected: [Double]) throws(DriftError) -> Result {
        guard observed.count == expected.count else {
            throw DriftError(.mismatch, "chisquare: \(observed.count) observed vs \(expected.count) expected")
        }
        guard observed.count >= 2 else { throw DriftError(.empty, "chisquare: needs at least 2 categories") }
        guard (observed + expected).allSatisfy(\.isFinite) else {
            throw DriftError(.notFinite, "chisquare: a frequency is NaN or infinite")
        }
        guard observed.allSatisfy({ $0 >= 0 }), expected.allSatisfy({ $0 > 0 }) else {
            throw DriftError(.invalid, "chisquare: observed must be ≥ 0 and expected > 0")
        }
        let (observedSum, expectedSum) = (observed.reduce(0, +), expected.reduce(0, +))
        guard abs(observedSum - expectedSum) / Swift.min(observedSum, expectedSum) <= sumTolerance else {
            throw DriftError(.invalid, "chisquare: observed sum \(observedSum) ≠ expected sum \(expectedSum)")
        }
        var statistic = 0.0
        for (o, e) in zip(observed, expected) { statistic += (o - e) * (o - e) / e }
        let degrees = observed.count - 1
        return Result(
            statistic: statistic,
            pValue: IncompleteGamma.upperRegularized(Double(degrees) / 2, statistic / 2),
            degreesOfFreedom: degrees
        )
    }

    /// The test of observed counts against a reference distribution given as counts: expected frequencies are the
    /// reference's shares times the observed total. Categories the reference never saw are merged into no category:
    /// they must be empty in the observation too, else the drift is total (statistic +∞, p-value 0).
    /// - Throws: as ``test(observed:expected:)``, and `.empty` when either side has no counts.
    public static func test(counts observed: [Int], reference: [Int]) throws(DriftError) -> Result {
        guard observed.count == reference.count else {
            throw DriftError(.mismatch, "chisquare: \(observed.count) categories vs \(reference.count) in reference")
        }
        let observedTotal = Double(observed.reduce(0, +))
        let referenceTotal = Double(reference.reduce(0, +))
        guard observedTotal > 0, referenceTotal > 0 else { throw DriftError(.empty, "chisquare: no counts") }
        var kept: [(Double, Double)] = []
        for (o, r) in zip(observed, reference) {
            if r > 0 {
                kept.append((Double(o), Double(r) / referenceTotal * observedTotal))
            } else if o > 0 {
                return Result(statistic: .infinity, pValue: 0, degreesOfFreedom: observed.count - 1)
            }
        }
        guard kept.count >= 2 else { return Result(statistic: 0, pValue: 1, degreesOfFreedom: 0) }
        return try test(observed: kept.map(\.0), expected: kept.map(\.1))
    }
}
