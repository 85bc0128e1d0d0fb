import Foundation
import SignalFeatures

/// The deterministic test signal of `scripts/reference/features_golden.py` (`test_signal`), sample for sample:
/// two sines per axis plus LCG noise, quantised to multiples of 1/4096 so every sample is exact in float32.
func testSignal(seed: UInt64, axes: Int, length: Int, sampleRateHz: Double) -> [Float] {
    var state = seed
    var samples: [Float] = []
    samples.reserveCapacity(axes * length)
    let offsets = [0.02, -0.1, 1.0]
    for axis in 0..<axes {
        let f1 = 37.0 + 61.0 * Double(axis)
        let a1 = 1.0 + 0.25 * Double(axis)
        let f2 = 150.0 + 40.0 * Double(axis)
        for n in 0..<length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = (Double((state >> 33) % 8193) - 4096) / 4096.0
            let t = Double(n) / sampleRateHz
            let v =
                offsets[axis % 3] + a1 * sin(2 * Double.pi * f1 * t) + 0.3
                * sin(2 * Double.pi * f2 * t + 0.5 * Double(axis)) + 0.2 * u
            samples.append(Float(floor(v * 4096 + 0.5) / 4096))
        }
    }
    return samples
}

/// Decodes a pipeline config from its JSON form, as the model artifact stores it.
func decodeConfig(_ json: String) throws -> FeaturePipelineConfig {
    try JSONDecoder().decode(FeaturePipelineConfig.self, from: Data(json.utf8))
}

/// True when `actual` is within `relative` of `expected`, or within `absolute` of it for values near zero.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-5, absolute: Double = 1e-9) -> Bool {
    abs(actual - expected) <= max(relative * abs(expected), absolute)
}

/// The edge's default pipeline, whose golden case `edgeDefault` proves it is the one documented.
let edgeDefaultConfig = FeaturePipelineConfig.vibrationDefault
