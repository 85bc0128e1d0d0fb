import WireProtocol

/// What `hub fl start` asked for: the model, how many rounds, how devices are selected, how long a round waits, how
/// clients train and how the server aggregates.
public struct FederatedPlan: Codable, Sendable, Hashable {
    /// Registry name of the model; its latest version is the first round's base.
    public var model: String
    /// Rounds to complete, ≥ 1.
    public var rounds: Int
    /// Fraction of the eligible online devices selected per round, in (0, 1].
    public var fraction: Double
    /// Fewest updates a round closes with (and fewest devices it starts with), ≥ 1.
    public var minClients: Int
    /// How long a round collects updates, ms.
    public var deadlineMs: Int64
    /// Times a round that closed with too few updates is tried again with a new selection.
    public var maxRetries: Int
    /// Local epochs, batch size and SGD learning rate of the clients.
    public var epochs: Int
    /// Local mini-batch size.
    public var batchSize: Int
    /// Local SGD learning rate.
    public var learningRate: Double
    /// FedProx's μ sent to clients (0: none).
    public var proximalMu: Double
    /// How clients encode their updates.
    public var quantization: FederatedRound.Quantization
    /// Top-k fraction of the updates, nil for dense.
    public var topK: Double?
    /// The server's rule.
    public var strategy: FederatedStrategyConfig
    /// Roll the last version out to the fleet when the run completes.
    public var rollout: Bool
    /// Seed of the device selection.
    public var seed: UInt64

    /// A plan with the given fields; ``validate()`` checks them.
    public init(
        model: String,
        rounds: Int = 10,
        fraction: Double = 1,
        minClients: Int = 2,
        deadlineMs: Int64 = 60_000,
        maxRetries: Int = 3,
        epochs: Int = 1,
        batchSize: Int = 16,
        learningRate: Double = 0.05,
        proximalMu: Double = 0,
        quantization: FederatedRound.Quantization = .float32,
        topK: Double? = nil,
        strategy: FederatedStrategyConfig = FederatedStrategyConfig(kind: .fedavg),
        rollout: Bool = false,
        seed: UInt64 = 1
    ) {
        self.model = model
        self.rounds = rounds
        self.fraction = fraction
        self.minClients = minClients
        self.deadlineMs = deadlineMs
        self.maxRetries = maxRetries
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.proximalMu = proximalMu
        self.quantization = quantization
        self.topK = topK
        self.strategy = strategy
        self.rollout = rollout
        self.seed = seed
    }

    /// Checks every field, and the strategy's settings by building it.
    /// - Throws: `FederatedRunError` `.invalidPlan` naming the field.
    public func validate() throws(FederatedRunError) {
        let checks: [(Bool, String)] = [
            (model.utf8.count <= 58, "model name must be at most 58 bytes (its weights are served as {model}.float)"),
            ((1...10_000).contains(rounds), "rounds must be 1...10000"),
            (fraction > 0 && fraction <= 1, "fraction must be in (0, 1]"),
            (
                (1...FederatedRound.maxDevices).contains(minClients),
                "min clients must be 1...\(FederatedRound.maxDevices)"
            ),
            ((1_000...86_400_000).contains(deadlineMs), "deadline must be 1 s...24 h"),
            ((0...100).contains(maxRetries), "retries must be 0...100"),
        ]
        if let failed = checks.first(where: { !$0.0 }) { throw FederatedRunError(.invalidPlan, failed.1) }
        // The client settings and the model name are checked as the round message that carries them is.
        do {
            _ = try FederatedRound(
                round: 1,
                model: model,
                baseVersion: 1,
                weights: weightsName,
                weightsSHA256: String(repeating: "0", count: 64),
                weightsSize: 1,
                devices: [try DeviceID("check")],
                deadlineMs: 0,
                epochs: epochs,
                batchSize: batchSize,
                learningRate: learningRate,
                proximalMu: proximalMu,
                quantization: quantization,
                topK: topK
            )
        } catch {
            throw FederatedRunError(.invalidPlan, error.context)
        }
        do {
            _ = try strategy.make(proximalMu: proximalMu)
        } catch {
            throw FederatedRunError(.invalidPlan, "strategy \(strategy.kind.rawValue): \(error)")
        }
    }

    /// The artifact name under which the hub serves the model's float32 weights.
    public var weightsName: String { "\(model).float" }
}
