extension RolloutController {
    /// One line per wave that has started: its pooled quality figures beside the plan's gates, as
    /// `hub rollout status` prints them, for example
    /// `wave 2: errors 3/1200 = 0.0025 (max 0.05); accuracy 930/1000 = 0.930 (min 0.9); previous 950/1000 = 0.950 (max drop 0.03)`.
    public func gateLines() -> [String] {
        waves.indices.filter { index in waves[index].contains { devices[$0] != .waiting } }.map { index in
            let reading = reading(wave: index)
            let figures = reading.updated
            var parts = ["errors \(figures.errors)/\(figures.predictions)" + Self.value(figures.errorRate, 4)]
            if let bound = plan.maxErrorRate { parts[0] += " (max \(bound))" }
            var accuracy = "accuracy \(figures.correct)/\(figures.labelled)" + Self.value(figures.accuracy, 3)
            if let bound = plan.minAccuracy { accuracy += " (min \(bound))" }
            parts.append(accuracy)
            if let (_, previous) = reading.baseline {
                var line = "previous \(previous.correct)/\(previous.labelled)" + Self.value(previous.accuracy, 3)
                if let bound = plan.maxAccuracyDrop { line += " (max drop \(bound))" }
                parts.append(line)
            }
            return "wave \(index + 1): " + parts.joined(separator: "; ")
        }
    }

    /// ` = 0.1234` rounded to `digits` decimals, empty for no value.
    private static func value(_ value: Double?, _ digits: Int) -> String {
        guard let value else { return "" }
        guard value.isFinite else { return " = ∞" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return " = \((value * scale).rounded() / scale)"
    }
}
