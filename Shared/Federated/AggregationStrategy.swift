/// A server-side federated aggregation rule with Flower's (flwr 1.x) semantics: turns a round's client updates into
/// the next global model. Stateful rules (FedAvgM, FedAdagrad, FedAdam, FedYogi, DP noise) keep their state in the
/// value across rounds, so call it on the same instance every round.
public protocol AggregationStrategy: Sendable {
    /// Aggregates one round's updates.
    /// - Parameters:
    ///   - updates: the clients' updates; each must match `round.global`'s layout, be finite and have a positive
    ///     example count.
    ///   - round: the round number and its global model.
    /// - Returns: the new global parameters, in `round.global`'s layout.
    /// - Throws: ``AggregationError`` for no clients, mismatched layers or shapes, non-finite values, zero examples,
    ///   too few clients for the rule, or a state built for another layout.
    mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
}

extension Array where Element == ClientUpdate {
    /// Checks every update against the round's global layout and for a positive example count, and every value for
    /// finiteness unless `values` is false (FedAvg checks its sums instead, saving a pass over the updates).
    /// - Throws: ``AggregationError`` `.noClients`, `.zeroExamples`, `.layerMismatch`, `.shapeMismatch`,
    ///   `.nonFiniteValue`.
    func validate(against global: ModelParameters, values: Bool = true) throws(AggregationError) {
        guard !isEmpty else { throw AggregationError(.noClients, "no client updates to aggregate") }
        for update in self {
            guard update.exampleCount > 0 else {
                throw AggregationError(
                    .zeroExamples,
                    "client \(update.clientID): \(update.exampleCount) examples"
                )
            }
            try update.parameters.checkLayout(against: global, client: update.clientID, values: values)
        }
    }
}
