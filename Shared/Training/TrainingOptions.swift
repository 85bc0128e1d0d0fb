/// How long and how ``Trainer/fit(inputs:labels:validation:options:using:progress:)`` trains.
public struct TrainingOptions: Sendable, Hashable {
    /// Most epochs to run, ≥ 1.
    public var epochs: Int
    /// Samples per mini-batch, ≥ 1.
    public var batchSize: Int
    /// Learning rate per epoch, from the optimizer's rate at the start.
    public var schedule: LearningRateSchedule
    /// Stop after this many epochs without a better validation accuracy, and keep the best network; 0 never stops
    /// early (the last network is kept). Needs validation data.
    public var earlyStoppingPatience: Int

    /// Options with the given fields.
    public init(epochs: Int, batchSize: Int, schedule: LearningRateSchedule = .constant, earlyStoppingPatience: Int = 0)
    {
        self.epochs = epochs
        self.batchSize = batchSize
        self.schedule = schedule
        self.earlyStoppingPatience = earlyStoppingPatience
    }
}

/// What one epoch did, for progress lines.
public struct EpochProgress: Sendable, Hashable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Most epochs the run may take.
    public var epochs: Int
    /// Mean training loss of the epoch.
    public var loss: Float
    /// Learning rate used in the epoch.
    public var learningRate: Float
    /// Accuracy on the validation data after the epoch, nil without validation data.
    public var validationAccuracy: Double?
}

/// What a whole run did.
public struct FitReport: Sendable, Hashable {
    /// Mean training loss of every epoch run.
    public var losses: [Float]
    /// Validation accuracy after every epoch run (empty without validation data).
    public var validationAccuracies: [Double]
    /// 1-based epoch whose network was kept.
    public var keptEpoch: Int
    /// Whether early stopping ended the run before `epochs`.
    public var stoppedEarly: Bool
}
