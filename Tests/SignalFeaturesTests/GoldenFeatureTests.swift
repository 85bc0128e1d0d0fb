import SignalFeatures
import Testing

/// Every feature against numpy/scipy on fixed windows; the expected values in `GoldenValues.swift` are printed by
/// `scripts/reference/features_golden.py` (regenerate with
/// `python3 scripts/reference/features_golden.py > Tests/SignalFeaturesTests/GoldenValues.swift`).
@Suite("Features equal numpy/scipy")
struct GoldenFeatureTests {
    @Test(arguments: goldenCases)
    func streamMatchesReferenceWithin1e5Relative(_ golden: GoldenCase) throws {
        let config = try decodeConfig(golden.configJSON)
        if golden.name == "edgeDefault" { #expect(config == .vibrationDefault) }
        let stream = try FeatureStream(config: config)
        let samples = testSignal(
            seed: golden.seed,
            axes: config.axes.count,
            length: golden.samplesPerAxis,
            sampleRateHz: config.sampleRateHz
        )
        // Odd-sized blocks, so windows and filter state cross block boundaries.
        var produced: [(UInt64, [Float])] = []
        var start = 0
        while start < golden.samplesPerAxis {
            let count = min(37, golden.samplesPerAxis - start)
            var block: [Float] = []
            for axis in 0..<config.axes.count {
                block +=
                    samples[(axis * golden.samplesPerAxis + start)..<(axis * golden.samplesPerAxis + start + count)]
            }
            try block.withUnsafeBufferPointer { block in
                try stream.append(block, axisCount: config.axes.count, sampleRateHz: config.sampleRateHz) {
                    produced.append(($0, Array($1)))
                }
            }
            start += count
        }

        try #require(produced.count == golden.windows.count)
        let names = config.featureNames
        for (window, expected) in zip(produced, golden.windows) {
            #expect(window.0 == expected.start)
            try #require(window.1.count == expected.vector.count)
            for (index, (actual, reference)) in zip(window.1, expected.vector).enumerated() {
                #expect(
                    isClose(Double(actual), reference),
                    "\(golden.name) window \(expected.start) \(names[index]): \(actual) vs numpy \(reference)"
                )
            }
        }
    }

    @Test func biquadWithButterworthQEqualsScipyButter() {
        // scipy.signal.butter(2, 20, "highpass", fs=1000) and butter(2, 100, "lowpass", fs=800), printed with repr.
        let high = BiquadFilter(BiquadFilterSpec(kind: .highPass, cutoffHz: 20), sampleRateHz: 1000)
        let low = BiquadFilter(BiquadFilterSpec(kind: .lowPass, cutoffHz: 100), sampleRateHz: 800)
        let expected: [(BiquadFilter, [Double], [Double])] = [
            (
                high, [0.9149691441130827, -1.8299382882261654, 0.9149691441130827],
                [-1.8226949251963085, 0.837181651256023]
            ),
            (
                low, [0.09763107293781749, 0.19526214587563498, 0.09763107293781749],
                [-0.9428090415820632, 0.3333333333333332]
            ),
        ]
        for (filter, b, a) in expected {
            for (actual, reference) in zip([filter.b.0, filter.b.1, filter.b.2, filter.a.0, filter.a.1], b + a) {
                #expect(isClose(actual, reference, relative: 1e-12, absolute: 1e-15))
            }
        }
    }
}
