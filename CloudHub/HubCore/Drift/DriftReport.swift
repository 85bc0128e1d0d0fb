import DriftStatistics

/// The drift of one scope (a device, or the whole fleet) of one model version over one window, as `hub drift report`
/// shows it and the monitor logs it.
public struct DriftScopeReport: Sendable, Codable, Equatable {
    /// `fleet`, or the device id.
    public var scope: String
    /// Model name.
    public var model: String
    /// Model version.
    public var version: UInt32
    /// Window start and end, unix milliseconds.
    public var windowStartMs: Int64
    /// Window end.
    public var windowEndMs: Int64
    /// Interval summaries merged.
    public var summaries: Int
    /// What the features were compared with: the model's reference, or the device's own baseline.
    public var comparedWith: String
    /// Per-feature statistics.
    public var features: [FeatureReport]
    /// Share of tested features that drifted.
    public var driftedShare: Double
    /// Whether this evaluation found the dataset drifted.
    public var drifted: Bool
    /// Consecutive drifted evaluations so far (0 in a report computed outside the daemon's evaluations).
    public var consecutive: Int
    /// Whether the scope is flagged (drifted for the configured number of consecutive evaluations).
    public var flagged: Bool
    /// Predicted classes: counts and, when tested, their drift against what the scope is compared with.
    public var classes: ClassReport?
    /// Data validation counters (devices only).
    public var validation: DriftValidationCounts?

    /// One feature's line.
    public struct FeatureReport: Sendable, Codable, Equatable {
        /// Feature name.
        public var name: String
        /// Values in the window.
        public var count: UInt64
        /// Population stability index.
        public var psi: Double
        /// Binned KS statistic.
        public var ks: Double
        /// Upper bound of the raw-sample KS statistic.
        public var ksUpperBound: Double
        /// p-value of the binned KS statistic, when KS decided.
        public var ksPValue: Double?
        /// Jensen–Shannon distance (base e).
        public var jensenShannon: Double
        /// Wasserstein-1 (binned).
        public var wasserstein: Double
        /// Wasserstein-1 over the reference's standard deviation.
        public var wassersteinNormed: Double
        /// Deciding test.
        public var test: String
        /// Whether the deciding test says drift.
        public var drifted: Bool
        /// Whether the deciding KS or Wasserstein statistic was computed exactly on raw samples (a device that sends
        /// its feature vectors, against its baseline), not from the histograms.
        public var exact: Bool

        init(_ drift: DriftEvaluator.FeatureDrift) {
            name = drift.name
            count = drift.count
            psi = drift.psi
            ks = drift.ks.statistic
            ksUpperBound = drift.ks.upperBound
            ksPValue = drift.ksPValue
            jensenShannon = drift.jensenShannon
            wasserstein = drift.wasserstein.statistic
            wassersteinNormed = drift.wassersteinNormed
            test = drift.test.rawValue
            drifted = drift.drifted
            exact = drift.exact
        }
    }

    /// The predicted-class distribution.
    public struct ClassReport: Sendable, Codable, Equatable {
        /// Labels, in the model's order.
        public var labels: [String]
        /// Predictions per label.
        public var counts: [UInt64]
        /// Chi-square p-value against the comparison's class shares (the model's training classes, or the device's
        /// baseline predictions); nil when untested (no class reference, or nothing counted).
        public var chiSquarePValue: Double?
        /// Jensen–Shannon distance (base e) to the comparison's class distribution.
        public var jensenShannon: Double?
        /// The deciding test: `chisquare` (comparison of at most 1000) or `jensenshannon`.
        public var test: String?
        /// Whether the predicted-class distribution drifted (it counts as one column of the drifted share).
        public var drifted: Bool?
    }
}
