/// Central differential privacy with fixed clipping on the server, as Flower's
/// `DifferentialPrivacyServerSideFixedClipping` (Andrew et al. / McMahan et al., 2018): every update's delta from the
/// global model is clipped to `clippingNorm`, the wrapped strategy aggregates the clipped updates, and Gaussian noise of
/// standard deviation ``noiseStandardDeviation`` = `noiseMultiplier × clippingNorm / numSampledClients` is added to
/// every aggregated parameter. Noise comes from the injected generator, so a seeded one makes rounds reproducible.
public struct DPFedAvgFixedClipping<Inner: AggregationStrategy, Generator: RandomNumberGenerator & Sendable>:
    AggregationStrategy
{
    /// The rule that aggregates the clipped updates (FedAvg in DP-FedAvg).
    public private(set) var inner: Inner
    /// z, the noise multiplier (Flower's `noise_multiplier`), ≥ 0.
    public let noiseMultiplier: Double
    /// C, the largest L2 norm of an update's delta (Flower's `clipping_norm`), > 0.
    public let clippingNorm: Double
    /// Clients sampled per round (Flower's `num_sampled_clients`), > 0; the noise is calibrated to it, not to the
    /// number of updates that arrive.
    public let numSampledClients: Int
    private var noise: GaussianNoise<Generator>

    /// Wraps `inner`.
    /// - Throws: ``AggregationError`` `.invalidSetting` when the multiplier is negative, the clipping norm not
    ///   positive, or the sampled-client count not positive (Flower's checks), or a value is not finite.
    public init(
        _ inner: Inner,
        noiseMultiplier: Double,
        clippingNorm: Double,
        numSampledClients: Int,
        generator: Generator
    ) throws(AggregationError) {
        guard noiseMultiplier.isFinite, noiseMultiplier >= 0 else {
            throw AggregationError(.invalidSetting, "noise_multiplier \(noiseMultiplier) must be finite and ≥ 0")
        }
        guard clippingNorm.isFinite, clippingNorm > 0 else {
            throw AggregationError(.invalidSetting, "clipping_norm \(clippingNorm) must be finite and > 0")
        }
        guard numSampledClients > 0 else {
            throw AggregationError(.invalidSetting, "num_sampled_clients \(numSampledClients) must be > 0")
        }
        self.inner = inner
        self.noiseMultiplier = noiseMultiplier
        self.clippingNorm = clippingNorm
        self.numSampledClients = numSampledClients
        noise = GaussianNoise(generator: generator)
    }

    /// The standard deviation of the noise added to each aggregated parameter: z × C / m, Flower's `compute_stdv`.
    public var noiseStandardDeviation: Double {
        noiseMultiplier * clippingNorm / Double(numSampledClients)
    }

    /// Clips, aggregates with the inner rule, adds noise; see ``AggregationStrategy/aggregate(_:in:)``.
    public mutating func aggregate(
        _ updates: [ClientUpdate],
        in round: RoundContext
    ) throws(AggregationError)
        -> ModelParameters
    {
        var clipping = try ClippedUpdates(inner, clippingNorm: clippingNorm)
        var aggregated = try clipping.aggregate(updates, in: round)
        inner = clipping.inner
        let deviation = noiseStandardDeviation
        guard deviation > 0 else { return aggregated }
        for layer in aggregated.layers.indices {
            for index in aggregated.layers[layer].values.indices {
                aggregated.layers[layer].values[index] += Float(deviation * noise.next())
            }
        }
        return aggregated
    }
}
