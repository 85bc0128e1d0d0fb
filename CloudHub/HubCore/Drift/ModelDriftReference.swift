import DriftStatistics
import EdgeModel

/// A registered model's drift reference, as the monitor uses it: a reference histogram and range per input feature,
/// the labels whose predicted counts the summaries carry, and the training samples per class.
struct ModelDriftReference: Sendable {
    /// One per input feature, in feature-vector order.
    let histograms: [ReferenceHistogram]
    /// Training minimum and maximum per feature.
    let ranges: [ClosedRange<Double>]
    /// Class labels, in the model's order.
    let labels: [String]
    /// Training samples per class, when the artifact records them.
    let classCounts: [UInt64]?

    /// The reference of an artifact; nil when the manifest has no drift reference.
    /// - Throws: the artifact's error when it does not decode, `DriftError` when its reference is unusable.
    init?(artifact bytes: [UInt8]) throws {
        let manifest = try ModelArtifact(bytes: bytes).manifest
        guard let reference = manifest.driftReference else { return nil }
        histograms = try reference.features.map { feature in
            try ReferenceHistogram(
                name: feature.name,
                binEdges: feature.binEdges,
                counts: feature.counts.map { UInt64(clamping: $0) },
                standardDeviation: feature.std
            )
        }
        ranges = reference.features.map { Swift.min($0.min, $0.max)...Swift.max($0.min, $0.max) }
        labels = manifest.labels
        classCounts = reference.classCounts.map { $0.map { UInt64(clamping: $0) } }
    }
}
