/// What a strategy knows about the round it aggregates: its number and the global model the clients started from.
public struct RoundContext: Sendable {
    /// The round, counted from 1 as Flower's `server_round` (FedAdam's bias correction uses it).
    public var number: Int
    /// The global model sent to the clients this round: the reference layout every update must match, and the
    /// point server optimisers, clipping and DP measure updates from.
    public var global: ModelParameters

    /// Creates a round context.
    public init(number: Int, global: ModelParameters) {
        self.number = number
        self.global = global
    }
}
