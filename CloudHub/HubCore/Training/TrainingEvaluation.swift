import ModelTraining

/// What `hub train` prints: float and int8 figures on the test split, per class, with the confusion matrix.
public struct TrainingEvaluation: Codable, Sendable, Hashable {
    /// Class labels, in output order.
    public var labels: [String]
    /// The float network on the test split.
    public var float: ClassificationMetrics
    /// The int8 artifact on the test split.
    public var int8: ClassificationMetrics
    /// Epochs run (before any fine-tuning).
    public var epochs: Int
    /// Epoch whose network was kept.
    public var keptEpoch: Int
    /// Whether early stopping ended training.
    public var stoppedEarly: Bool
    /// Train, validation and test sample counts (three entries).
    public var samples: [Int]
    /// Fraction of zero weights.
    public var sparsity: Double

    enum CodingKeys: String, CodingKey {
        case labels, float, int8, epochs, samples, sparsity
        case keptEpoch = "kept_epoch"
        case stoppedEarly = "stopped_early"
    }

    /// Readable lines: the summary, a per-class table (int8 precision, recall, F1) and the int8 confusion matrix
    /// (rows: true class, columns: predicted).
    public func render() -> String {
        let percent = { (value: Double) in ExportPipeline.fixed(value * 100, 2) + "%" }
        var lines = [
            "samples: \(samples[0]) train, \(samples[1]) validation, \(samples[2]) test",
            "epochs: \(epochs), kept \(keptEpoch)\(stoppedEarly ? " (early stop)" : ""), sparsity "
                + ExportPipeline.fixed(sparsity, 3),
            "accuracy: float \(percent(float.accuracy)), int8 \(percent(int8.accuracy)), delta "
                + ExportPipeline.fixed((int8.accuracy - float.accuracy) * 100, 2) + " points",
            "",
        ]
        let (precision, recall, f1) = (int8.precision, int8.recall, int8.f1)
        lines.append(
            TextTable(
                header: ["CLASS", "PRECISION", "RECALL", "F1", "SUPPORT"],
                rows: labels.indices.map { index in
                    [
                        labels[index], ExportPipeline.fixed(precision[index], 3),
                        ExportPipeline.fixed(recall[index], 3),
                        ExportPipeline.fixed(f1[index], 3), "\(int8.confusion[index].reduce(0, +))",
                    ]
                },
                emptyText: ""
            ).render()
        )
        lines.append("")
        lines.append("confusion (int8; rows true, columns predicted):")
        lines.append(
            TextTable(
                header: [""] + labels.indices.map { "\($0)" },
                rows: labels.indices.map { ["\($0) \(labels[$0])"] + int8.confusion[$0].map(String.init) },
                emptyText: ""
            ).render()
        )
        return lines.joined(separator: "\n")
    }
}
