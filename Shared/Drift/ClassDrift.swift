extension DriftEvaluator {
    /// The drift of the predicted-class distribution, by Evidently's rule for categorical columns: chi-square
    /// against the reference's shares when the reference has at most ``DriftThresholds/smallReference`` values,
    /// otherwise the Jensen–Shannon distance.
    public struct ClassDrift: Sendable, Equatable {
        /// Current predictions counted.
        public var count: UInt64
        /// Chi-square p-value of the current counts against the reference's shares.
        public var chiSquarePValue: Double
        /// Jensen–Shannon distance (base e) between the two distributions.
        public var jensenShannon: Double
        /// The test that decided: `chisquare` or `jensenshannon`.
        public var test: String
        /// Whether it says drift (false below the minimum count).
        public var drifted: Bool
    }

    /// The predicted classes counted in `current` against `reference` (one count per class in both).
    /// - Throws: `.mismatch` for different class counts, `.empty` when either side counted nothing.
    public static func classes(
        reference: [UInt64],
        current: [UInt64],
        thresholds: DriftThresholds
    ) throws(DriftError) -> ClassDrift {
        guard reference.count == current.count else {
            throw DriftError(.mismatch, "class drift: \(current.count) classes, the reference has \(reference.count)")
        }
        let chiSquare = try ChiSquare.test(
            counts: current.map { Int(clamping: $0) },
            reference: reference.map { Int(clamping: $0) }
        )
        let jensenShannon = try JensenShannon.distance(reference.map(Double.init), current.map(Double.init))
        let total = current.reduce(0, +)
        let small = reference.reduce(0, +) <= thresholds.smallReference
        let over =
            small ? chiSquare.pValue < thresholds.chiSquarePValue : jensenShannon >= thresholds.jensenShannon
        return ClassDrift(
            count: total,
            chiSquarePValue: chiSquare.pValue,
            jensenShannon: jensenShannon,
            test: small ? "chisquare" : "jensenshannon",
            drifted: over && total >= thresholds.minimumCount
        )
    }
}
