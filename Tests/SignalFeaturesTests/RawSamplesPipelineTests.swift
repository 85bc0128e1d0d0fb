import Foundation
import SignalFeatures
import Testing

/// A raw-samples pipeline (for convolutional models): the vector is the window, axis after axis, standardised.
@Suite("Raw-samples pipelines")
struct RawSamplesPipelineTests {
    static func pipeline() -> FeaturePipelineConfig {
        var config = FeaturePipelineConfig.vibrationDefault
        config.windowLength = 8
        config.hop = 4
        config.timeFeatures = []
        config.spectral = nil
        config.rawSamples = true
        return config
    }

    @Test func theVectorIsTheWindowStandardisedAndNamedBySamplePosition() throws {
        var config = Self.pipeline()
        try config.validate()
        #expect(config.featureCount == 24)
        #expect(config.featureNames.prefix(2) == ["x.s0", "x.s1"] && config.featureNames.last == "z.s7")
        let window: [Float] = (0..<24).map { Float($0) * 0.5 - 3 }
        #expect(try Self.extract(window, config) == window)
        config.standardization = Standardization(
            means: Array(repeating: 1, count: 24),
            stds: Array(repeating: 2, count: 24)
        )
        #expect(try Self.extract(window, config) == window.map { ($0 - 1) / 2 })
        var bad = window
        bad[17] = .nan
        let error = #expect(throws: FeatureError.self) { try Self.extract(bad, config) }
        #expect(error?.code == .nonFiniteSample && error?.context.contains("window.z") == true)
    }

    @Test func theFieldIsAbsentFromTheJSONOfOtherPipelines() throws {
        let plain = String(decoding: try JSONEncoder().encode(FeaturePipelineConfig.vibrationDefault), as: UTF8.self)
        #expect(!plain.contains("raw_samples"))
        let raw = try JSONEncoder().encode(Self.pipeline())
        #expect(String(decoding: raw, as: UTF8.self).contains(#""raw_samples":true"#))
        #expect(try JSONDecoder().decode(FeaturePipelineConfig.self, from: raw) == Self.pipeline())
    }

    static func extract(_ window: [Float], _ config: FeaturePipelineConfig) throws -> [Float] {
        let extractor = try FeatureExtractor(config: config)
        var output = [Float](repeating: 0, count: extractor.featureCount)
        try window.withUnsafeBufferPointer { input in
            try output.withUnsafeMutableBufferPointer { try extractor.extract(window: input, into: $0) }
        }
        return output
    }
}
