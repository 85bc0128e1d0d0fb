import FederatedAggregation

/// The server-side strategy of a federated run and its settings, as `hub fl start` takes them (Flower's names and
/// defaults); stored with the run, so a restarted hub builds the same strategy again.
public struct FederatedStrategyConfig: Codable, Sendable, Hashable {
    /// The aggregation rule.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case fedavg, fedavgm, fedprox, fedadam, fedyogi, fedadagrad, fedmedian, fedtrimmedavg, krum, bulyan
    }

    /// The rule.
    public var kind: Kind
    /// FedAvgM's server learning rate.
    public var serverLearningRate = 1.0
    /// FedAvgM's server momentum.
    public var serverMomentum = 0.0
    /// FedAdam, FedYogi, FedAdagrad: server learning rate `eta` (nil: Flower's default for the rule).
    public var eta: Double?
    /// FedAdam, FedYogi, FedAdagrad: `tau` (nil: Flower's default for the rule).
    public var tau: Double?
    /// FedTrimmedAvg's `beta`, the fraction cut at each end.
    public var beta = 0.2
    /// Krum and Bulyan: malicious clients to tolerate.
    public var maliciousClients = 0
    /// Multi-Krum: clients kept (0: plain Krum).
    public var clientsToKeep = 0

    /// A config of `kind` with Flower's defaults.
    public init(kind: Kind) {
        self.kind = kind
    }

    /// A fresh strategy (server state empty).
    /// - Parameter proximalMu: the round's `proximal_mu`, FedProx's setting.
    /// - Throws: `AggregationError` `.invalidSetting` for a setting out of its range.
    public func make(proximalMu: Double) throws(AggregationError) -> any AggregationStrategy {
        switch kind {
        case .fedavg: return FedAvg()
        case .fedavgm: return try FedAvgM(serverLearningRate: serverLearningRate, serverMomentum: serverMomentum)
        case .fedprox: return try FedProx(proximalMu: proximalMu)
        case .fedadam: return try FedAdam(eta: eta ?? 1e-1, tau: tau ?? 1e-9)
        case .fedyogi: return try FedYogi(eta: eta ?? 1e-2, tau: tau ?? 1e-3)
        case .fedadagrad: return try FedAdagrad(eta: eta ?? 1e-1, tau: tau ?? 1e-9)
        case .fedmedian: return FedMedian()
        case .fedtrimmedavg: return try FedTrimmedAvg(beta: beta)
        case .krum: return try Krum(numMaliciousClients: maliciousClients, numClientsToKeep: clientsToKeep)
        case .bulyan: return try Bulyan(numMaliciousClients: maliciousClients)
        }
    }
}
