import DriftStatistics
import EdgeModel
import WireProtocol

/// Summarises the active model's inputs and predictions per reporting interval, for drift monitoring on the hub
/// (telemetry kind 6). For every input feature a ``DistributionSummary`` on the bin edges of the model's drift
/// reference, and the count of each predicted class. Raw values never leave it.
///
/// Intervals are aligned to multiples of `interval` since the epoch, on the sensor time of each vector (its window
/// start), so that devices' intervals line up and the result does not depend on when the edge processes a vector.
/// An interval is emitted when the first vector of a later interval arrives, or when the model changes; a model
/// without a drift reference is not summarised. No clock and no I/O: the caller feeds vectors and records what comes
/// back.
struct DriftSummarizer {
    /// Length of a reporting interval, milliseconds (≥ 1).
    let intervalMs: Int64
    private var open: OpenInterval?

    /// A summarizer with intervals of `interval` (at least 1 ms).
    init(interval: Duration) {
        let milliseconds = interval.components.seconds * 1_000 + interval.components.attoseconds / 1_000_000_000_000_000
        intervalMs = Swift.max(milliseconds, 1)
    }

    /// Counts `features` (and `predictedClass`, an index into the model's labels) in the interval of `timestampMs`.
    /// - Returns: the previous interval's record when this vector starts a new interval or comes from another model.
    mutating func add(
        _ features: [Float],
        predictedClass: Int?,
        model: ModelReference,
        reference: DriftReference?,
        labelCount: Int,
        at timestampMs: Int64
    ) -> DriftSummaryRecord? {
        let start = Swift.max(timestampMs, 0) / intervalMs * intervalMs
        var finished: DriftSummaryRecord?
        if let current = open, current.model != model || current.startMs != start {
            finished = current.record(endMs: current.startMs + intervalMs)
            open = nil
        }
        if open == nil, let reference {
            open = OpenInterval(model: model, reference: reference, labelCount: labelCount, startMs: start)
        }
        open?.add(features, predictedClass: predictedClass)
        return finished
    }

    /// The open interval's record so far, and the interval closed; nil when nothing was counted.
    mutating func flush() -> DriftSummaryRecord? {
        defer { open = nil }
        return open.flatMap { $0.record(endMs: $0.startMs + intervalMs) }
    }
}

/// The summaries of the interval being filled.
private struct OpenInterval {
    let model: ModelReference
    let startMs: Int64
    var features: [DistributionSummary]
    var classCounts: [UInt64]
    var vectors = 0

    /// Nil when a feature's reference edges make no summary, which a validated artifact rules out (its validator
    /// asks for what ``DistributionSummary/init(binEdges:)`` does).
    init?(model: ModelReference, reference: DriftReference, labelCount: Int, startMs: Int64) {
        self.model = model
        self.startMs = startMs
        var features: [DistributionSummary] = []
        for distribution in reference.features {
            guard let summary = try? DistributionSummary(binEdges: distribution.binEdges) else { return nil }
            features.append(summary)
        }
        self.features = features
        classCounts = [UInt64](repeating: 0, count: Swift.max(labelCount, 0))
    }

    mutating func add(_ values: [Float], predictedClass: Int?) {
        vectors += 1
        for index in 0..<Swift.min(values.count, features.count) { features[index].add(Double(values[index])) }
        if let predictedClass, classCounts.indices.contains(predictedClass) { classCounts[predictedClass] += 1 }
    }

    func record(endMs: Int64) -> DriftSummaryRecord? {
        guard vectors > 0, !features.isEmpty else { return nil }
        return DriftSummaryRecord(
            model: model,
            intervalStartMs: startMs,
            intervalEndMs: endMs,
            features: features,
            classCounts: classCounts
        )
    }
}

extension DriftSummarizer {
    /// Counts a vector the inference stage ran through `model`, with the prediction record it made (nil when
    /// inference failed: the features still count, no class does).
    mutating func add(
        _ vector: FeatureVector,
        _ prediction: TelemetryPayload?,
        _ model: LoadedModel
    ) -> DriftSummaryRecord? {
        guard let reference = try? ModelReference(name: model.name, version: model.version) else { return nil }
        let labels = model.interpreter.manifest.labels
        var predictedClass: Int?
        if case .prediction(let made) = prediction { predictedClass = labels.firstIndex(of: made.label) }
        return add(
            vector.values,
            predictedClass: predictedClass,
            model: reference,
            reference: model.interpreter.manifest.driftReference,
            labelCount: labels.count,
            at: vector.windowStartMs
        )
    }
}
