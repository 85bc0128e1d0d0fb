import ConfigLoading
import DriftStatistics

/// How the hub monitors drift. Keys (under `drift.`, in `hub.yaml`, `HUB_DRIFT_…` or `--set`):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `drift.window` | `10m` | summaries ending within this much of the evaluation time are merged |
/// | `drift.evaluate_interval` | `60s` | how often the monitor evaluates (`hub serve`) |
/// | `drift.persistence` | `3` | consecutive drifted evaluations before a scope is flagged |
/// | `drift.baseline` | `device` | what a device is compared with: `device`, its own first `drift.baseline_intervals` summaries of the model version (machines differ: a device's normal covers a narrow part of the fleet's training data); `reference`, the model's training reference. The fleet is always compared with the reference |
/// | `drift.baseline_intervals` | `5` | interval summaries that make a device's baseline; until it has them a device is not judged |
/// | `drift.test` | `auto` | per-feature test: `auto` (Evidently: KS up to 1000 reference values, else Wasserstein), `ks`, `wasserstein`, `psi`, `jensenshannon` |
/// | `drift.ks_pvalue` | `0.05` | KS drifts below this p-value |
/// | `drift.wasserstein` | `0.1` | normalised Wasserstein drifts from this |
/// | `drift.psi` | `0.1` | PSI drifts from this |
/// | `drift.jensenshannon` | `0.1` | Jensen–Shannon drifts from this |
/// | `drift.share` | `0.5` | share of drifted features that makes the dataset drifted |
/// | `drift.min_count` | `500` | fewest values a feature needs in the window to be flagged |
/// | `drift.range_margin` | `0.1` | a raw feature value more than this share of the reference range outside it is out of range |
/// | `drift.policy.action` | `none` | when a fleet drift persists: `none`; `federated` starts a federated run (FedAvg from the latest version); `retrain` trains and registers the next version on recent labelled vectors (not rolled out); both write why and the outcome in the audit log |
/// | `drift.policy.after` | `30m` | how long the fleet must stay flagged before the policy acts |
/// | `drift.policy.retrain_window` | `24h` | `retrain` trains on the labelled vectors devices sent within this long |
/// | `drift.policy.min_vectors` | `500` | `retrain` does not train on fewer labelled vectors |
public struct DriftSettings: Sendable, Equatable {
    /// What the policy asks for when a fleet drift persists.
    public enum PolicyAction: String, Sendable, CaseIterable {
        /// Nothing: events and the report only.
        case none
        /// Retraining on recent data.
        case retrain
        /// A federated round.
        case federated
    }

    /// Window of merged summaries, milliseconds.
    public var windowMs: Int64 = 600_000
    /// Interval between evaluations.
    public var evaluateInterval: Duration = .seconds(60)
    /// Consecutive drifted evaluations before a scope is flagged.
    public var persistence = 3
    /// What devices are compared with.
    public var baseline = Baseline.device
    /// Interval summaries that make a device's baseline.
    public var baselineIntervals = 5
    /// Tests and thresholds.
    public var thresholds = DriftThresholds()
    /// Out-of-range margin, as a share of the reference range.
    public var rangeMargin = 0.1
    /// The policy's action.
    public var policyAction = PolicyAction.none
    /// How long the fleet stays flagged before the policy acts, milliseconds.
    public var policyAfterMs: Int64 = 1_800_000
    /// How far back `retrain` collects labelled vectors, milliseconds.
    public var retrainWindowMs: Int64 = 86_400_000
    /// Fewest labelled vectors `retrain` trains on.
    public var retrainMinimumVectors = 500

    /// What a device's summaries are compared with.
    public enum Baseline: String, Sendable, CaseIterable {
        /// The device's own first interval summaries of the model version.
        case device
        /// The model's training reference.
        case reference
    }

    /// The defaults.
    public init() {}

    /// Reads every `drift.` key.
    /// - Throws: `ConfigError` naming the bad key.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> DriftSettings {
        var settings = DriftSettings()
        settings.windowMs = milliseconds(
            try config.duration("drift.window", default: .seconds(600), range: .seconds(1)...(.seconds(30 * 86_400)))
        )
        settings.evaluateInterval = try config.duration(
            "drift.evaluate_interval",
            default: .seconds(60),
            range: .milliseconds(100)...(.seconds(86_400))
        )
        settings.persistence = try config.int("drift.persistence", default: 3, range: 1...1_000)
        settings.baseline = try config.choice("drift.baseline", default: Baseline.device)
        settings.baselineIntervals = try config.int("drift.baseline_intervals", default: 5, range: 1...10_000)
        settings.thresholds.featureTest = try config.choice("drift.test", default: DriftThresholds.FeatureTest.auto)
        settings.thresholds.ksPValue = try config.double("drift.ks_pvalue", default: 0.05, range: 0...1)
        settings.thresholds.wassersteinNormed = try config.double("drift.wasserstein", default: 0.1, range: 0...1e6)
        settings.thresholds.psi = try config.double("drift.psi", default: 0.1, range: 0...1e6)
        settings.thresholds.jensenShannon = try config.double("drift.jensenshannon", default: 0.1, range: 0...1)
        settings.thresholds.driftShare = try config.double("drift.share", default: 0.5, range: 0...1)
        settings.thresholds.minimumCount = UInt64(
            try config.int("drift.min_count", default: 500, range: 1...1_000_000_000)
        )
        settings.rangeMargin = try config.double("drift.range_margin", default: 0.1, range: 0...1e6)
        settings.policyAction = try config.choice("drift.policy.action", default: PolicyAction.none)
        settings.policyAfterMs = milliseconds(
            try config.duration(
                "drift.policy.after",
                default: .seconds(1_800),
                range: .seconds(0)...(.seconds(365 * 86_400))
            )
        )
        settings.retrainWindowMs = milliseconds(
            try config.duration(
                "drift.policy.retrain_window",
                default: .seconds(86_400),
                range: .seconds(1)...(.seconds(365 * 86_400))
            )
        )
        settings.retrainMinimumVectors = try config.int(
            "drift.policy.min_vectors",
            default: 500,
            range: 1...100_000_000
        )
        return settings
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
