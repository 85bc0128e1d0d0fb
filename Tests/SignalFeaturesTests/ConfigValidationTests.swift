import Foundation
import SignalFeatures
import Testing

@Suite("Pipeline config validation and layout")
struct ConfigValidationTests {
    /// A change that makes the default config invalid, and the field the error must name.
    struct Mutation: Sendable, CustomTestStringConvertible {
        let field: String
        let change: @Sendable (inout FeaturePipelineConfig) -> Void
        var testDescription: String { field }
    }

    static let mutations: [Mutation] = [
        Mutation(field: "v") { $0.version = 2 },
        Mutation(field: "sensor") { $0.sensor = "vib/ration" },
        Mutation(field: "axes") { $0.axes = [] },
        Mutation(field: "axes") { $0.axes = ["x", "x"] },
        Mutation(field: "sample_rate_hz") { $0.sampleRateHz = .nan },
        Mutation(field: "sample_rate_hz") { $0.sampleRateHz = 0 },
        Mutation(field: "sample_rate_hz") { $0.sampleRateHz = 5e6 },
        Mutation(field: "window_length") { $0.windowLength = 1 },
        Mutation(field: "window_length") { $0.windowLength = 300 },
        Mutation(field: "hop") { $0.hop = 0 },
        Mutation(field: "hop") { $0.hop = 257 },
        Mutation(field: "time_features") { $0.timeFeatures = [.mean, .mean] },
        Mutation(field: "time_features") {
            $0.timeFeatures = []
            $0.spectral = nil
        },
        Mutation(field: "raw_samples") { $0.rawSamples = true },
        Mutation(field: "spectral.features") { $0.spectral?.features = [.entropy, .entropy] },
        Mutation(field: "spectral.bands.count") { $0.spectral?.bands.count = 0 },
        Mutation(field: "spectral.bands") { $0.spectral?.bands.highHz = 600 },
        Mutation(field: "spectral.bands") { $0.spectral?.bands.lowHz = 0 },
        Mutation(field: "spectral.bands") {
            $0.spectral?.bands = BandSpec(spacing: .linear, count: 2, lowHz: 9, highHz: 1)
        },
        // 1000 Hz / 256 = 3.9 Hz per bin: a band from 1.0 to 1.5 Hz holds none.
        Mutation(field: "spectral.bands") {
            $0.spectral?.bands = BandSpec(spacing: .log, count: 8, lowHz: 1, highHz: 2)
        },
        Mutation(field: "filter.cutoff_hz") { $0.filter = BiquadFilterSpec(kind: .lowPass, cutoffHz: 500) },
        Mutation(field: "filter.q") { $0.filter = BiquadFilterSpec(kind: .highPass, cutoffHz: 10, q: 0) },
        Mutation(field: "standardization") { $0.standardization = Standardization(means: [0], stds: [1]) },
        Mutation(field: "standardization.stds") {
            $0.standardization = Standardization(
                means: Array(repeating: 0, count: 63),
                stds: Array(repeating: 1, count: 62) + [0]
            )
        },
        Mutation(field: "standardization.means") {
            $0.standardization = Standardization(
                means: [.infinity] + Array(repeating: 0, count: 62),
                stds: Array(repeating: 1, count: 63)
            )
        },
    ]

    @Test func edgeDefaultIsValid() throws {
        try edgeDefaultConfig.validate()
        #expect(edgeDefaultConfig.featureCount == 3 * (10 + 8 + 3))
    }

    @Test(arguments: mutations)
    func refusesInvalidConfigNamingTheField(_ mutation: Mutation) {
        var config = edgeDefaultConfig
        mutation.change(&config)
        let error = #expect(throws: FeatureError.self) { try config.validate() }
        #expect(error?.code == .invalidConfig)
        #expect(
            error?.context.hasPrefix("FeaturePipelineConfig.\(mutation.field):") == true,
            "\(String(describing: error))"
        )
        #expect(throws: FeatureError.self) { try FeatureStream(config: config) }
    }

    @Test func featureNamesFollowTheDocumentedLayout() {
        let config = FeaturePipelineConfig(
            sensor: "accel",
            axes: ["x", "y"],
            sampleRateHz: 100,
            windowLength: 64,
            hop: 32,
            timeFeatures: [.rms, .mean],
            spectral: SpectralFeatureSpec(
                features: [.dominantFrequency, .bandPowers],
                bands: BandSpec(spacing: .linear, count: 2, lowHz: 0, highHz: 50)
            )
        )
        #expect(
            config.featureNames == [
                "x.rms", "x.mean", "x.dominant_frequency", "x.band_power_0", "x.band_power_1",
                "y.rms", "y.mean", "y.dominant_frequency", "y.band_power_0", "y.band_power_1",
            ]
        )
    }

    @Test func jsonRoundTripKeepsEveryField() throws {
        var config = edgeDefaultConfig
        config.filter = BiquadFilterSpec(kind: .highPass, cutoffHz: 3)
        config.standardization = Standardization(
            means: Array(repeating: 0.5, count: config.featureCount),
            stds: Array(repeating: 2, count: config.featureCount)
        )
        let json = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(FeaturePipelineConfig.self, from: json) == config)
        let text = String(decoding: json, as: UTF8.self)
        for key in ["\"sample_rate_hz\"", "\"window_length\"", "\"time_features\"", "\"cutoff_hz\"", "\"low_hz\""] {
            #expect(text.contains(key))
        }
    }

    @Test func bandLayoutMapsBinsToHalfOpenBandsWithTheLastClosed() {
        // 8 Hz / 16 samples: bins at 0, 0.5, …, 4 Hz; bands [0, 1), [1, 2), [2, 3), [3, 4].
        let layout = BandLayout(
            bands: BandSpec(spacing: .linear, count: 4, lowHz: 0, highHz: 4),
            sampleRateHz: 8,
            windowLength: 16
        )
        #expect(layout.edgesHz == [0, 1, 2, 3, 4])
        #expect(layout.binRanges == [0..<2, 2..<4, 4..<6, 6..<9])
        let log = BandLayout(
            bands: BandSpec(spacing: .log, count: 2, lowHz: 1, highHz: 4),
            sampleRateHz: 8,
            windowLength: 16
        )
        #expect(log.edgesHz == [1, 2, 4])
        #expect(log.binRanges == [2..<4, 4..<9])
    }
}
