import EdgeModel

extension Trainer {
    /// Trains for up to `options.epochs` epochs, the learning rate following `options.schedule`; with
    /// `validation` data, stops early after `options.earlyStoppingPatience` epochs without a better validation
    /// accuracy and keeps the network of the best epoch (the earliest on ties). Calls `progress` after each epoch.
    ///
    /// Deterministic for a generator seed, like ``trainEpoch(inputs:labels:batchSize:using:)``.
    /// - Throws: `TrainingError.badData` for bad options or data (see `trainEpoch`), `.diverged`.
    public mutating func fit(
        inputs: [[Float]],
        labels: [Int],
        validation: (inputs: [[Float]], labels: [Int])? = nil,
        options: TrainingOptions,
        using generator: inout some RandomNumberGenerator,
        progress: (EpochProgress) -> Void = { _ in }
    ) throws(TrainingError) -> FitReport {
        guard options.epochs >= 1, options.batchSize >= 1, options.earlyStoppingPatience >= 0 else {
            throw TrainingError(.badData, "epochs and batch size must be ≥ 1, patience ≥ 0")
        }
        if let validation, validation.inputs.count != validation.labels.count || validation.inputs.isEmpty {
            throw TrainingError(
                .badData,
                "validation: \(validation.inputs.count) inputs, \(validation.labels.count) labels"
            )
        }
        let initialRate = optimizer.learningRate
        var report = FitReport(losses: [], validationAccuracies: [], keptEpoch: 0, stoppedEarly: false)
        var best: (accuracy: Double, network: FloatNetwork)?
        for epoch in 0..<options.epochs {
            let rate = options.schedule.rate(initial: initialRate, epoch: epoch)
            optimizer = optimizer.with(learningRate: rate)
            let loss = try trainEpoch(inputs: inputs, labels: labels, batchSize: options.batchSize, using: &generator)
            report.losses.append(loss)
            var accuracy: Double?
            if let validation {
                do {
                    accuracy = try network.accuracy(inputs: validation.inputs, labels: validation.labels)
                } catch {
                    throw TrainingError(.badData, "validation: \(error)")
                }
            }
            progress(
                EpochProgress(
                    epoch: epoch + 1,
                    epochs: options.epochs,
                    loss: loss,
                    learningRate: rate,
                    validationAccuracy: accuracy
                )
            )
            guard let accuracy else {
                report.keptEpoch = epoch + 1
                continue
            }
            report.validationAccuracies.append(accuracy)
            if best == nil || accuracy > best!.accuracy {
                best = (accuracy, network)
                report.keptEpoch = epoch + 1
            } else if options.earlyStoppingPatience > 0, epoch + 1 - report.keptEpoch >= options.earlyStoppingPatience {
                report.stoppedEarly = epoch + 1 < options.epochs
                break
            }
        }
        if options.earlyStoppingPatience > 0, let best { network = best.network }
        if options.earlyStoppingPatience == 0 { report.keptEpoch = report.losses.count }
        optimizer = optimizer.with(learningRate: initialRate)
        return report
    }
}
