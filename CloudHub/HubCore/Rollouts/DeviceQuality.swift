/// What a device's telemetry says about one model version: predictions made, errors the device counted while running
/// it, and the predictions that came with a true label, with how many of those were right. Counts, never negative.
public struct DeviceQuality: Sendable, Hashable, Codable {
    /// Prediction records.
    public var predictions: Int
    /// Errors counted by the device (failed inferences, rejected messages, failed stores) while running the version.
    public var errors: Int
    /// Predictions that carry the true label.
    public var labelled: Int
    /// Labelled predictions whose label is the true one.
    public var correct: Int

    /// Figures as given.
    public init(predictions: Int = 0, errors: Int = 0, labelled: Int = 0, correct: Int = 0) {
        self.predictions = predictions
        self.errors = errors
        self.labelled = labelled
        self.correct = correct
    }

    /// The sum of two devices' figures.
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(
            predictions: lhs.predictions + rhs.predictions,
            errors: lhs.errors + rhs.errors,
            labelled: lhs.labelled + rhs.labelled,
            correct: lhs.correct + rhs.correct
        )
    }

    /// Errors per prediction; nil with neither, infinite with errors but no prediction (the model never ran).
    public var errorRate: Double? {
        guard predictions > 0 else { return errors > 0 ? .infinity : nil }
        return Double(errors) / Double(predictions)
    }

    /// Share of labelled predictions that were right, 0...1; nil without labelled predictions.
    public var accuracy: Double? {
        labelled > 0 ? Double(correct) / Double(labelled) : nil
    }
}

/// A device's figures in a rollout: the new version since the device committed it, and the version it ran before.
public struct QualityReport: Sendable, Hashable, Codable {
    /// The rolled-out version, since the device committed it.
    public var updated: DeviceQuality
    /// The device's previous version (its labelled predictions are the accuracy baseline).
    public var previous: DeviceQuality

    /// A report as given.
    public init(updated: DeviceQuality, previous: DeviceQuality) {
        self.updated = updated
        self.previous = previous
    }
}
