/// Which test decides whether a feature drifted, and the thresholds, with Evidently's defaults.
public struct DriftThresholds: Sendable, Equatable {
    /// The per-feature test.
    public enum FeatureTest: String, Sendable, CaseIterable {
        /// Evidently's rule for numerical columns: KS when the reference has at most ``smallReference`` values,
        /// otherwise the normalised Wasserstein distance.
        case auto
        /// Binned two-sample KS: drift when the p-value is below ``ksPValue``.
        case ks
        /// Wasserstein-1 divided by the reference's standard deviation: drift at or above ``wassersteinNormed``.
        case wasserstein
        /// Population stability index: drift at or above ``psi``.
        case psi
        /// Jensen–Shannon distance (base e) of the histograms: drift at or above ``jensenShannon``.
        case jensenShannon = "jensenshannon"
    }

    /// The per-feature test (default `.auto`).
    public var featureTest: FeatureTest = .auto
    /// Largest reference for which `.auto` picks KS (Evidently: 1000).
    public var smallReference: UInt64 = 1_000
    /// KS p-value threshold (0.05).
    public var ksPValue = 0.05
    /// Normalised Wasserstein threshold (0.1).
    public var wassersteinNormed = 0.1
    /// PSI threshold (0.1).
    public var psi = 0.1
    /// Jensen–Shannon threshold (0.1).
    public var jensenShannon = 0.1
    /// Chi-square p-value threshold for the predicted-class distribution (0.05).
    public var chiSquarePValue = 0.05
    /// Share of drifted features from which the dataset is drifted (0.5).
    public var driftShare = 0.5
    /// Fewest current values a feature needs to be flagged; below, it is reported and not flagged. 500 keeps the
    /// sampling noise of the normalised Wasserstein distance (about 0.8/√n) near a third of its threshold.
    public var minimumCount: UInt64 = 500

    /// Evidently's defaults.
    public init() {}
}
