/// Compares current summaries with a model's reference: every statistic per feature (PSI, binned KS with its p-value
/// and bound, Jensen–Shannon, Wasserstein-1 raw and normalised), the flag of the chosen test, and the dataset verdict.
///
/// For PSI and Jensen–Shannon the underflow and overflow counts of both sides join the first and last bins. KS and
/// Wasserstein keep them apart, the Wasserstein outer bins reaching to the extremes of both sides (a training
/// reference has nothing outside its edges; a device baseline may).
public enum DriftEvaluator {
    /// One feature's statistics and flag.
    public struct FeatureDrift: Sendable, Equatable {
        /// Feature name.
        public var name: String
        /// Current values summarised.
        public var count: UInt64
        /// Population stability index.
        public var psi: Double
        /// Binned KS statistic and the bound on the raw one.
        public var ks: BinnedStatistics.Estimate
        /// p-value of the binned KS statistic at the two sample sizes; computed only when KS decides (it costs a
        /// Durbin matrix power at mid-range sizes, far more than every other statistic together).
        public var ksPValue: Double?
        /// Jensen–Shannon distance, base e.
        public var jensenShannon: Double
        /// Wasserstein-1 from the histograms and its bound.
        public var wasserstein: BinnedStatistics.Estimate
        /// Wasserstein-1 over the reference's standard deviation (floored at 0.001, as Evidently).
        public var wassersteinNormed: Double
        /// The test that decided.
        public var test: DriftThresholds.FeatureTest
        /// The deciding statistic (a p-value for KS).
        public var score: Double
        /// Whether the deciding test says drift (false when fewer than the minimum count were seen).
        public var drifted: Bool
        /// Whether the deciding KS or Wasserstein statistic came from raw samples (exact) rather than histograms.
        public var exact = false
    }

    /// The dataset verdict.
    public struct DatasetDrift: Sendable, Equatable {
        /// Per-feature results, in reference order.
        public var features: [FeatureDrift]
        /// The predicted-class distribution's result, when it was tested.
        public var classes: ClassDrift?
        /// Share of columns flagged: the features, and the predicted class when tested.
        public var driftedShare: Double
        /// Whether that share reaches the threshold.
        public var drifted: Bool
    }

    /// One feature; with `raw` samples of both sides, the deciding KS or Wasserstein statistic is computed on them
    /// exactly instead of from the histograms.
    /// - Throws: `.mismatch` when the summary's edges are not the reference's, `.empty` when it counted nothing,
    ///   `.notFinite` for a non-finite raw sample.
    public static func feature(
        reference: ReferenceHistogram,
        current: DistributionSummary,
        raw: RawSamples? = nil,
        thresholds: DriftThresholds
    ) throws(DriftError) -> FeatureDrift {
        guard current.binEdges == reference.binEdges else {
            throw DriftError(.mismatch, "drift \(reference.name): summary edges differ from the reference's")
        }
        guard current.count > 0 else { throw DriftError(.empty, "drift \(reference.name): no current values") }
        let statistics = fused(reference, current)
        let psi = statistics.psi
        let jensenShannon = statistics.jensenShannon
        var ks = statistics.ks
        var wasserstein = statistics.wasserstein
        var test = thresholds.featureTest
        if test == .auto { test = reference.total <= thresholds.smallReference ? .ks : .wasserstein }
        var ksPValue: Double?
        var exact = false
        if let raw, !raw.reference.isEmpty, !raw.current.isEmpty, test == .ks || test == .wasserstein {
            exact = true
            if test == .ks {
                let result = try KolmogorovSmirnov.twoSample(raw.reference, raw.current)
                ks = BinnedStatistics.Estimate(
                    statistic: result.statistic,
                    lowerBound: result.statistic,
                    upperBound: result.statistic
                )
                ksPValue = result.pValue
            } else {
                let distance = try Wasserstein.distance(raw.reference, raw.current)
                wasserstein = BinnedStatistics.Estimate(statistic: distance, lowerBound: distance, upperBound: distance)
            }
        } else if test == .ks {
            ksPValue =
                KolmogorovSmirnov.result(
                    statistic: ks.statistic,
                    sizes: Int(clamping: reference.total),
                    Int(clamping: current.count)
                ).pValue
        }
        let normed = wasserstein.statistic / Swift.max(reference.standardDeviation, 0.001)
        let (score, over): (Double, Bool) =
            switch test {
            case .ks, .auto: (ksPValue ?? 1, (ksPValue ?? 1) < thresholds.ksPValue)
            case .wasserstein: (normed, normed >= thresholds.wassersteinNormed)
            case .psi: (psi, psi >= thresholds.psi)
            case .jensenShannon: (jensenShannon, jensenShannon >= thresholds.jensenShannon)
            }
        return FeatureDrift(
            name: reference.name,
            count: current.count,
            psi: psi,
            ks: ks,
            ksPValue: ksPValue,
            jensenShannon: jensenShannon,
            wasserstein: wasserstein,
            wassersteinNormed: normed,
            test: test,
            score: score,
            drifted: over && current.count >= thresholds.minimumCount,
            exact: exact
        )
    }

    /// PSI, Jensen–Shannon, binned KS and binned Wasserstein in one pass without intermediate arrays: the same
    /// arithmetic as ``PopulationStability/index(reference:current:)``, ``JensenShannon/distance(_:_:base:)`` (on the
    /// folded bins) and ``BinnedStatistics`` (on the reference padded with empty outer bins), which a test checks.
    static func fused(
        _ reference: ReferenceHistogram,
        _ current: DistributionSummary
    ) -> (psi: Double, jensenShannon: Double, ks: BinnedStatistics.Estimate, wasserstein: BinnedStatistics.Estimate) {
        let bins = reference.counts.count
        let total = Double(current.count)
        let edges = reference.binEdges
        let low = Swift.min(current.min, edges[0], reference.minimum)
        let high = Swift.max(current.max, edges[bins], reference.maximum)
        var (psi, left, right) = (0.0, 0.0, 0.0)
        var (difference, statistic, upper) = (0.0, 0.0, 0.0)
        var (distance, bound, previousMidpoint) = (0.0, 0.0, 0.0)
        current.counts.withUnsafeBufferPointer { counts in
            reference.shares.withUnsafeBufferPointer { shares in
                for bin in 0..<bins {
                    var count = counts[bin + 1]
                    if bin == 0 { count += counts[0] }
                    if bin == bins - 1 { count += counts[bins + 1] }
                    var expectedCount = reference.counts[bin]
                    var expected = shares[bin]
                    if bin == 0 {
                        expectedCount += reference.underflow
                        expected += reference.underShare
                    }
                    if bin == bins - 1 {
                        expectedCount += reference.overflow
                        expected += reference.overShare
                    }
                    let actual = Double(count) / total
                    let a = count == 0 ? PopulationStability.emptyShare : actual
                    let e = expectedCount == 0 ? PopulationStability.emptyShare : expected
                    psi += (a - e) * DriftMath.ln(a / e)
                    let middle = (expected + actual) / 2
                    if expected > 0 { left += expected * DriftMath.ln(expected / middle) }
                    if actual > 0 { right += actual * DriftMath.ln(actual / middle) }
                }
                for bin in 0..<(bins + 2) {
                    let p =
                        bin == 0 ? reference.underShare : bin == bins + 1 ? reference.overShare : shares[bin - 1]
                    let q = Double(counts[bin]) / total
                    let start = bin == 0 ? low : edges[bin - 1]
                    let end = bin == bins + 1 ? high : edges[bin]
                    let midpoint = (start + end) / 2
                    upper = Swift.max(upper, abs(difference + p), abs(difference - q))
                    if bin > 0 { distance += abs(difference) * (midpoint - previousMidpoint) }
                    bound += (p + q) * (end - start) / 2
                    difference += p - q
                    statistic = Swift.max(statistic, abs(difference))
                    previousMidpoint = midpoint
                }
            }
        }
        return (
            psi,
            ((left + right) / 2).squareRoot(),
            BinnedStatistics.Estimate(
                statistic: statistic,
                lowerBound: statistic,
                upperBound: Swift.max(upper, statistic)
            ),
            BinnedStatistics.Estimate(
                statistic: distance,
                lowerBound: Swift.max(0, distance - bound),
                upperBound: distance + bound
            )
        )
    }

    /// Every feature (with the raw samples of `raw` at its index, when there are some), the predicted classes when
    /// `classes` gives both sides' counts, and the share verdict. Features that counted nothing (and classes when
    /// either side counted nothing) are left out of the share.
    /// - Throws: `.mismatch` when the counts of references and summaries differ, a summary's edges are not its
    ///   reference's, or the class counts differ in length.
    public static func dataset(
        references: [ReferenceHistogram],
        current: [DistributionSummary],
        classes: (reference: [UInt64], current: [UInt64])? = nil,
        raw: [RawSamples?] = [],
        thresholds: DriftThresholds
    ) throws(DriftError) -> DatasetDrift {
        guard references.count == current.count else {
            throw DriftError(.mismatch, "drift: \(current.count) summaries for \(references.count) features")
        }
        var features: [FeatureDrift] = []
        features.reserveCapacity(references.count)
        for (index, (reference, summary)) in zip(references, current).enumerated() where summary.count > 0 {
            let samples = raw.indices.contains(index) ? raw[index] : nil
            features.append(try feature(reference: reference, current: summary, raw: samples, thresholds: thresholds))
        }
        var classDrift: ClassDrift?
        if let classes, classes.reference.contains(where: { $0 > 0 }), classes.current.contains(where: { $0 > 0 }) {
            classDrift = try Self.classes(
                reference: classes.reference,
                current: classes.current,
                thresholds: thresholds
            )
        }
        let columns = features.count + (classDrift == nil ? 0 : 1)
        let flagged = features.filter(\.drifted).count + (classDrift?.drifted == true ? 1 : 0)
        let share = columns == 0 ? 0 : Double(flagged) / Double(columns)
        return DatasetDrift(
            features: features,
            classes: classDrift,
            driftedShare: share,
            drifted: columns > 0 && share >= thresholds.driftShare
        )
    }
}
