import SignalFeatures
import Testing

@Suite("Bad input gives typed errors and counters")
struct BadInputTests {
    /// A block that the stream must refuse, the code expected and the counter that must move.
    struct BadBlock: Sendable, CustomTestStringConvertible {
        let name: String
        let samples: [Float]
        let axisCount: Int
        let sampleRateHz: Double
        let code: FeatureError.Code
        let counter: KeyPath<FeatureInputCounters, UInt64> & Sendable
        var testDescription: String { name }
    }

    static let good = testSignal(seed: 3, axes: 3, length: 64, sampleRateHz: 1000)

    /// The good block with `value` at `index`.
    static func poisoned(_ name: String, at index: Int, _ value: Float) -> BadBlock {
        var samples = good
        samples[index] = value
        return BadBlock(
            name: name,
            samples: samples,
            axisCount: 3,
            sampleRateHz: 1000,
            code: .nonFiniteSample,
            counter: \.nonFiniteSample
        )
    }

    /// The good block claimed to be at `rate`.
    static func rate(_ rate: Double) -> BadBlock {
        BadBlock(
            name: "rate \(rate)",
            samples: good,
            axisCount: 3,
            sampleRateHz: rate,
            code: .badSampleRate,
            counter: \.badSampleRate
        )
    }

    /// `samples` as `axisCount` axes.
    static func shape(_ name: String, _ samples: [Float], axes: Int, _ code: FeatureError.Code) -> BadBlock {
        let counter: KeyPath<FeatureInputCounters, UInt64> & Sendable =
            switch code {
            case .emptyInput: \.emptyInput
            case .wrongAxisCount: \.wrongAxisCount
            default: \.wrongLength
            }
        return BadBlock(name: name, samples: samples, axisCount: axes, sampleRateHz: 1000, code: code, counter: counter)
    }

    static let badBlocks: [BadBlock] =
        [poisoned("NaN", at: 70, .nan), poisoned("+Inf", at: 0, .infinity), poisoned("-Inf", at: 191, -.infinity)]
        + [.nan, 0, -1000, 1e12, .infinity, 100].map(rate)
        + [
            shape("empty", [], axes: 3, .emptyInput),
            shape("two axes", Array(good[0..<128]), axes: 2, .wrongAxisCount),
            shape("four axes", good + good[0..<64], axes: 4, .wrongAxisCount),
            shape("ragged", Array(good.dropLast()), axes: 3, .wrongLength),
        ]

    /// The vectors a stream emits for `blocks`, with the first sample of each window.
    private func run(_ stream: FeatureStream, _ blocks: [[Float]]) throws -> [(UInt64, [Float])] {
        var vectors: [(UInt64, [Float])] = []
        for block in blocks {
            try block.withUnsafeBufferPointer { block in
                try stream.append(block, axisCount: 3, sampleRateHz: 1000) { vectors.append(($0, Array($1))) }
            }
        }
        return vectors
    }

    @Test(arguments: badBlocks)
    func refusesBadBlockCountsItAndKeepsTheStreamUnchanged(_ bad: BadBlock) throws {
        let stream = try FeatureStream(config: edgeDefaultConfig)
        let clean = try FeatureStream(config: edgeDefaultConfig)
        let blocks = (0..<8).map { testSignal(seed: 10 + UInt64($0), axes: 3, length: 64, sampleRateHz: 1000) }
        _ = try run(stream, Array(blocks[0..<4]))
        _ = try run(clean, Array(blocks[0..<4]))

        let error = bad.samples.withUnsafeBufferPointer { block in
            #expect(throws: FeatureError.self) {
                try stream.append(block, axisCount: bad.axisCount, sampleRateHz: bad.sampleRateHz) { _, _ in
                    Issue.record("a refused block produced a vector")
                }
            }
        }
        #expect(error?.code == bad.code, "\(String(describing: error))")
        #expect(stream.counters[keyPath: bad.counter] == 1)
        #expect(stream.counters.refusedBlocks == 1)
        #expect(stream.counters.acceptedBlocks == 4)

        let after = try run(stream, Array(blocks[4...]))
        let expected = try run(clean, Array(blocks[4...]))
        #expect(after.map(\.0) == expected.map(\.0))
        #expect(after.map(\.1) == expected.map(\.1))
    }

    @Test func extractorRefusesWrongLengthsAndNonFiniteWindows() throws {
        let extractor = try FeatureExtractor(config: edgeDefaultConfig)
        var output = [Float](repeating: 0, count: extractor.featureCount)
        var window = testSignal(seed: 5, axes: 3, length: 256, sampleRateHz: 1000)
        let short = Array(window.dropLast())
        var small = [Float](repeating: 0, count: extractor.featureCount - 1)
        let cases: [(FeatureError.Code, () throws(FeatureError) -> Void)] = [
            (.wrongLength, { () throws(FeatureError) in try extract(extractor, short, &output) }),
            (.wrongLength, { () throws(FeatureError) in try extract(extractor, window, &small) }),
        ]
        for (code, body) in cases {
            let error = #expect(throws: FeatureError.self) { try body() }
            #expect(error?.code == code)
        }
        window[300] = .nan
        let error = #expect(throws: FeatureError.self) { try extract(extractor, window, &output) }
        #expect(error?.code == .nonFiniteSample)
        #expect(error?.context.contains("window.y") == true)
    }

    @Test func constantAndSilentWindowsGiveDefinedValues() throws {
        let config = FeaturePipelineConfig(
            sensor: "vibration",
            axes: ["x", "y"],
            sampleRateHz: 1000,
            windowLength: 64,
            hop: 64,
            timeFeatures: TimeFeature.allCases,
            spectral: SpectralFeatureSpec(
                features: SpectralFeature.allCases,
                bands: BandSpec(spacing: .log, count: 4, lowHz: 20, highHz: 500)
            )
        )
        let extractor = try FeatureExtractor(config: config)
        var output = [Float](repeating: .nan, count: extractor.featureCount)
        // x constant at 2.5, y all zero.
        try extract(extractor, Array(repeating: 2.5, count: 64) + Array(repeating: 0, count: 64), &output)
        let values = Dictionary(uniqueKeysWithValues: zip(config.featureNames, output))
        #expect(output.allSatisfy { $0.isFinite })
        #expect(values["x.mean"] == 2.5)
        #expect(values["x.std"] == 0)
        #expect(values["x.skewness"] == 0)
        #expect(values["x.kurtosis"] == 0)
        #expect(values["x.crest_factor"] == 1)
        #expect(values["x.zero_crossing_rate"] == 0)
        #expect(values["x.spectral_entropy"] == 0)
        #expect(values["x.spectral_centroid"] == 0)
        #expect(values["y.rms"] == 0)
        #expect(values["y.crest_factor"] == 0)
        #expect(values["y.band_power_0"] == 0)
    }

    private func extract(
        _ extractor: FeatureExtractor,
        _ window: [Float],
        _ output: inout [Float]
    ) throws(FeatureError) {
        try window.withUnsafeBufferPointer { (window) throws(FeatureError) in
            try output.withUnsafeMutableBufferPointer { (output) throws(FeatureError) in
                try extractor.extract(window: window, into: output)
            }
        }
    }
}
