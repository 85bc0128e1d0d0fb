/// Accuracy, per-class precision, recall and F1, and the confusion matrix of predicted against true labels.
/// Pure: computed from two label lists. Its JSON holds the confusion matrix and every derived figure.
public struct ClassificationMetrics: Codable, Sendable, Hashable {
    /// `confusion[truth][predicted]`: how many samples of class `truth` were predicted as `predicted`.
    public var confusion: [[Int]]

    /// Metrics of `predicted` against `truth` (same length) over `classes` classes; pairs with a label outside
    /// `0..<classes` are skipped.
    public init(truth: [Int], predicted: [Int], classes: Int) {
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: max(classes, 0)), count: max(classes, 0))
        for (actual, guess) in zip(truth, predicted)
        where confusion.indices.contains(actual) && confusion.indices.contains(guess) {
            confusion[actual][guess] += 1
        }
        self.confusion = confusion
    }

    /// Number of samples counted.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Fraction predicted right, 0 when there are no samples.
    public var accuracy: Double {
        let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
        return count == 0 ? 0 : Double(correct) / Double(count)
    }

    /// Per class: of the samples predicted as it, the fraction that are it (0 when none was predicted as it).
    public var precision: [Double] {
        confusion.indices.map { column in
            let predicted = confusion.reduce(0) { $0 + $1[column] }
            return predicted == 0 ? 0 : Double(confusion[column][column]) / Double(predicted)
        }
    }

    /// Per class: of its samples, the fraction predicted as it (0 for a class without samples).
    public var recall: [Double] {
        confusion.indices.map { row in
            let actual = confusion[row].reduce(0, +)
            return actual == 0 ? 0 : Double(confusion[row][row]) / Double(actual)
        }
    }

    /// Per class: the harmonic mean of precision and recall (0 when both are 0).
    public var f1: [Double] {
        zip(precision, recall).map { $0 + $1 == 0 ? 0 : 2 * $0 * $1 / ($0 + $1) }
    }

    /// The unweighted mean of the per-class F1 scores.
    public var macroF1: Double {
        let scores = f1
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }

    enum CodingKeys: String, CodingKey {
        case confusion, accuracy, precision, recall, f1
        case macroF1 = "macro_f1"
    }

    /// Reads the confusion matrix; the derived figures are recomputed.
    public init(from decoder: any Decoder) throws {
        confusion = try decoder.container(keyedBy: CodingKeys.self).decode([[Int]].self, forKey: .confusion)
    }

    /// Writes the confusion matrix and the derived figures.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(confusion, forKey: .confusion)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(macroF1, forKey: .macroF1)
    }
}
