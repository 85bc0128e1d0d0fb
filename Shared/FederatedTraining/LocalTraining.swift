import EdgeModel
import ModelTraining

/// What a device's local training in a round does: plain SGD (no momentum, as Flower's reference clients) for
/// `epochs` over mini-batches of `batchSize`, with FedProx's proximal term when `proximalMu` > 0.
public struct LocalTraining: Sendable, Hashable {
    /// Passes over the local samples, ≥ 1.
    public var epochs: Int
    /// Samples per mini-batch, ≥ 1.
    public var batchSize: Int
    /// SGD learning rate, > 0.
    public var learningRate: Float
    /// FedProx's μ, ≥ 0 (0: none).
    public var proximalMu: Float
    /// Seed of the mini-batch shuffling.
    public var seed: UInt64

    /// Settings as given; ``train(_:inputs:labels:)`` checks them.
    public init(epochs: Int, batchSize: Int, learningRate: Float, proximalMu: Float = 0, seed: UInt64 = 1) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.proximalMu = proximalMu
        self.seed = seed
    }

    /// `global` trained on the local samples.
    /// - Throws: `FederatedTrainingError` `.noSamples` for no samples, `.trainingFailed` for bad settings, samples
    ///   that do not fit the network, or a diverged loss.
    public func train(
        _ global: FloatNetwork,
        inputs: [[Float]],
        labels: [Int]
    ) throws(FederatedTrainingError)
        -> FloatNetwork
    {
        guard !inputs.isEmpty else { throw FederatedTrainingError(.noSamples, "no local samples") }
        guard learningRate.isFinite, learningRate > 0 else {
            throw FederatedTrainingError(.trainingFailed, "learning rate \(learningRate)")
        }
        do throws(TrainingError) {
            var trainer = try Trainer(network: global, optimizer: .sgd(learningRate: learningRate, momentum: 0))
            if proximalMu > 0 { try trainer.setProximalTerm(ProximalTerm(mu: proximalMu, anchor: global)) }
            var random = TrainingRandom(seed: seed)
            _ = try trainer.fit(
                inputs: inputs,
                labels: labels,
                options: TrainingOptions(epochs: epochs, batchSize: batchSize),
                using: &random
            )
            return trainer.network
        } catch {
            throw FederatedTrainingError(.trainingFailed, error.description)
        }
    }
}
