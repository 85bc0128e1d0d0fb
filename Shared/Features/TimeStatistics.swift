/// The moments and extremes of one window of one axis, from which every ``TimeFeature`` follows; computed in two
/// passes in Double (mean first, then central moments), so no cancellation.
struct TimeStatistics {
    var mean: Double
    var minimum: Double
    var maximum: Double
    /// Central moments `Σ(x − mean)^p / N` for p = 2, 3, 4.
    var m2: Double
    var m3: Double
    var m4: Double
    /// Sign changes of `x − mean` between consecutive samples, over the `N − 1` pairs.
    var zeroCrossingRate: Double

    /// The statistics of `samples` (at least 2); nil when a sample is NaN or infinite. The second pass also writes
    /// the FFT's input `(x − mean)·hann` into `spectrumInput` (both the length of `samples`).
    init?(
        _ samples: UnsafeBufferPointer<Float>,
        spectrumInput: UnsafeMutableBufferPointer<Double>,
        hann: UnsafeMutableBufferPointer<Double>
    ) {
        let count = samples.count
        var sum = 0.0
        var low = samples[0]
        var high = samples[0]
        for sample in samples {
            sum += Double(sample)
            low = Swift.min(low, sample)
            high = Swift.max(high, sample)
        }
        // NaN and ±Inf all leave a non-finite sum; float32 samples cannot overflow a Double sum.
        guard sum.isFinite else { return nil }
        let mean = sum / Double(count)
        var (s2, s3, s4) = (0.0, 0.0, 0.0)
        var crossings = 0
        var previousNegative = Double(samples[0]) < mean
        for index in 0..<count {
            let d = Double(samples[index]) - mean
            spectrumInput[index] = d * hann[index]
            let d2 = d * d
            s2 += d2
            s3 += d2 * d
            s4 += d2 * d2
            let negative = d < 0
            crossings += negative != previousNegative ? 1 : 0
            previousNegative = negative
        }
        let n = Double(count)
        self.mean = mean
        minimum = Double(low)
        maximum = Double(high)
        m2 = s2 / n
        m3 = s3 / n
        m4 = s4 / n
        zeroCrossingRate = Double(crossings) / Double(count - 1)
    }

    /// The value of `feature` (see ``FeatureExtractor`` for the definitions).
    func value(of feature: TimeFeature) -> Double {
        switch feature {
        case .mean: return mean
        case .std: return m2.squareRoot()
        case .min: return minimum
        case .max: return maximum
        case .rms: return rms
        case .peakToPeak: return maximum - minimum
        case .skewness: return m2 > 0 ? m3 / (m2 * m2.squareRoot()) : 0
        case .kurtosis: return m2 > 0 ? m4 / (m2 * m2) - 3 : 0
        case .crestFactor:
            let rms = rms
            return rms > 0 ? Swift.max(-minimum, maximum) / rms : 0
        case .zeroCrossingRate: return zeroCrossingRate
        }
    }

    private var rms: Double { (m2 + mean * mean).squareRoot() }
}
