/// One client's result for a round, as Flower's `FitRes`: its full model parameters after local training and the
/// number of training examples it used (the weight in FedAvg and Multi-Krum).
public struct ClientUpdate: Sendable, Equatable {
    /// The client (device) that sent the update, named in errors.
    public var clientID: String
    /// The client's parameters after local training (the global model plus its delta).
    public var parameters: ModelParameters
    /// Training examples behind the update; must be positive.
    public var exampleCount: Int

    /// Creates an update. Its layout and values are checked when a strategy aggregates it.
    public init(clientID: String, parameters: ModelParameters, exampleCount: Int) {
        self.clientID = clientID
        self.parameters = parameters
        self.exampleCount = exampleCount
    }
}
