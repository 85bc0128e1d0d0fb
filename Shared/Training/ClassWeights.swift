/// Per-class loss weights that make rare classes count as much as common ones.
public enum ClassWeights {
    /// scikit-learn's `class_weight="balanced"`: `n / (k · n_c)` for class `c` with `n_c` of the `n` labels among
    /// `k` classes; a class without examples gets weight 0. Labels outside `0..<classes` are ignored.
    public static func balanced(labels: [Int], classes: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: max(classes, 0))
        for label in labels where counts.indices.contains(label) { counts[label] += 1 }
        let total = counts.reduce(0, +)
        return counts.map { $0 == 0 ? 0 : Float(Double(total) / Double(classes * $0)) }
    }
}
