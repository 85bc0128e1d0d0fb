import FederatedAggregation
import TestSupport
import Testing

/// Update-norm clipping bounds every delta, and DP-FedAvg's noise has Flower's standard deviation and replays under a
/// seed.
@Suite("Clipping and DP noise")
struct ClippingAndNoiseTests {
    static func model(_ values: [Float]) throws -> ModelParameters {
        try ModelParameters(layers: [
            ParameterTensor(name: "a", shape: [values.count / 2], values: Array(values.prefix(values.count / 2))),
            ParameterTensor(
                name: "b",
                shape: [values.count - values.count / 2],
                values: Array(values.dropFirst(values.count / 2))
            ),
        ])
    }

    static func deltaNorm(_ parameters: ModelParameters, from global: ModelParameters) -> Double {
        zip(parameters.layers, global.layers).reduce(0.0) { sum, layers in
            zip(layers.0.values, layers.1.values).reduce(sum) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        }.squareRoot()
    }

    @Test(arguments: [0.5, 2.0, 10.0])
    func clippingScalesLargeDeltasToTheNormAndKeepsSmallOnes(clippingNorm: Double) throws {
        let global = try Self.model([1, -2, 3, 0.5, 0, 4])
        let far = ClientUpdate(clientID: "far", parameters: try Self.model([4, 2, -1, 0.5, 3, 1]), exampleCount: 5)
        let near = ClientUpdate(
            clientID: "near",
            parameters: try Self.model([1.1, -2, 3, 0.5, 0, 4.1]),
            exampleCount: 5
        )
        let farNorm = Self.deltaNorm(far.parameters, from: global)
        let clipped = try UpdateClipping.clipped(far, global: global, clippingNorm: clippingNorm)
        #expect(abs(Self.deltaNorm(clipped.parameters, from: global) - min(farNorm, clippingNorm)) <= 1e-5)
        let kept = try UpdateClipping.clipped(near, global: global, clippingNorm: clippingNorm)
        #expect(kept == near)
        let same = ClientUpdate(clientID: "same", parameters: global, exampleCount: 1)
        #expect(try UpdateClipping.clipped(same, global: global, clippingNorm: clippingNorm) == same)
    }

    /// Updates equal to the global model average to it, so what DP adds is the noise alone.
    func noiseOnly(seed: UInt64, multiplier: Double = 1.5) throws -> (noise: [Float], deviation: Double) {
        let global = try Self.model([Float](repeating: 0, count: 40_000))
        var strategy = try DPFedAvgFixedClipping(
            FedAvg(),
            noiseMultiplier: multiplier,
            clippingNorm: 2,
            numSampledClients: 4,
            generator: SplitMix64(seed: seed)
        )
        let updates = (0..<4).map { ClientUpdate(clientID: "c\($0)", parameters: global, exampleCount: 10 + $0) }
        let result = try strategy.aggregate(updates, in: RoundContext(number: 1, global: global))
        return (result.layers.flatMap(\.values), strategy.noiseStandardDeviation)
    }

    @Test func noiseHasFlowersStandardDeviationAndZeroMean() throws {
        let (noise, deviation) = try noiseOnly(seed: 11)
        #expect(deviation == 1.5 * 2 / 4)
        let mean = noise.reduce(0.0) { $0 + Double($1) } / Double(noise.count)
        let variance = noise.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(noise.count - 1)
        // 40,000 draws: the sample deviation is within 1.5 % and the mean within 4 standard errors.
        #expect(abs(variance.squareRoot() / deviation - 1) < 0.015)
        #expect(abs(mean) < 4 * deviation / Double(noise.count).squareRoot())
    }

    @Test func noiseReplaysUnderASeedAndDiffersAcrossSeeds() throws {
        #expect(try noiseOnly(seed: 5).noise == noiseOnly(seed: 5).noise)
        #expect(try noiseOnly(seed: 5).noise != noiseOnly(seed: 6).noise)
        #expect(try noiseOnly(seed: 5, multiplier: 0).noise.allSatisfy { $0 == 0 })
    }
}
