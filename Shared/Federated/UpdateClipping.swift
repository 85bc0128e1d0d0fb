/// Update-norm clipping, as Flower's `compute_clip_model_update`: the update `Δ = w_client − w_global` is scaled by
/// `min(1, clippingNorm / ‖Δ‖₂)` (the L2 norm over all layers) and the client's parameters become `w_global + Δ`.
public enum UpdateClipping {
    /// `update` with its delta from `global` clipped to `clippingNorm`; the norm is summed in float64. An update equal
    /// to the global model (norm 0) is left as it is.
    /// - Throws: ``AggregationError`` `.invalidSetting` for a clipping norm that is not finite and positive, and the
    ///   layout errors of ``AggregationStrategy/aggregate(_:in:)``.
    public static func clipped(
        _ update: ClientUpdate,
        global: ModelParameters,
        clippingNorm: Double
    ) throws(AggregationError) -> ClientUpdate {
        guard clippingNorm.isFinite, clippingNorm > 0 else {
            throw AggregationError(.invalidSetting, "clipping_norm \(clippingNorm) must be finite and > 0")
        }
        try update.parameters.checkLayout(against: global, client: update.clientID)
        let deltas = zip(update.parameters.layers, global.layers).map { client, reference in
            zip(client.values, reference.values).map { $0 - $1 }
        }
        let norm = deltas.reduce(0.0) { sum, layer in
            layer.reduce(sum) { $0 + Double($1) * Double($1) }
        }.squareRoot()
        let scale = norm > 0 ? min(1, clippingNorm / norm) : 1
        var clipped = update
        for index in clipped.parameters.layers.indices {
            let reference = global.layers[index].values
            clipped.parameters.layers[index].values = zip(reference, deltas[index]).map { base, delta in
                base + Float(Double(delta) * scale)
            }
        }
        return clipped
    }
}

/// Any strategy applied to updates whose deltas from the global model were first clipped to ``clippingNorm``
/// (update-norm clipping, the defence against scaled updates).
public struct ClippedUpdates<Inner: AggregationStrategy>: AggregationStrategy {
    /// The rule that aggregates the clipped updates.
    public private(set) var inner: Inner
    /// The largest L2 norm an update's delta keeps.
    public let clippingNorm: Double

    /// Wraps `inner`.
    /// - Throws: ``AggregationError`` `.invalidSetting` for a clipping norm that is not finite and positive.
    public init(_ inner: Inner, clippingNorm: Double) throws(AggregationError) {
        guard clippingNorm.isFinite, clippingNorm > 0 else {
            throw AggregationError(.invalidSetting, "clipping_norm \(clippingNorm) must be finite and > 0")
        }
        self.inner = inner
        self.clippingNorm = clippingNorm
    }

    /// Clips every update, then aggregates with the inner rule; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        try updates.validate(against: round.global)
        var clipped: [ClientUpdate] = []
        clipped.reserveCapacity(updates.count)
        for update in updates {
            clipped.append(try UpdateClipping.clipped(update, global: round.global, clippingNorm: clippingNorm))
        }
        return try inner.aggregate(clipped, in: round)
    }
}
