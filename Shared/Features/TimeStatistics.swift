/// The moments and extremes of one window of one axis, from which every ``TimeFeature`` follows; computed in two
/// passes in Double (mean first, then central moments), so no cancellation, four samples per step.
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
        let x = samples.baseAddress!
        let vectorEnd = count & ~3

        var sums = SIMD4<Double>()
        var lows = SIMD4<Float>(repeating: x[0])
        var highs = lows
        var index = 0
        while index < vectorEnd {
            let v = Self.load(x + index)
            sums += SIMD4<Double>(v)
            // A masked replace is a compare and a blend; pointwiseMin/Max handle NaN lane by lane, with branches.
            lows.replace(with: v, where: v .< lows)
            highs.replace(with: v, where: v .> highs)
            index += 4
        }
        var sum = sums.sum()
        var low = lows.min()
        var high = highs.max()
        while index < count {
            sum += Double(x[index])
            low = Swift.min(low, x[index])
            high = Swift.max(high, x[index])
            index += 1
        }
        // NaN and ±Inf all leave a non-finite sum; float32 samples cannot overflow a Double sum.
        guard sum.isFinite else { return nil }
        let mean = sum / Double(count)

        let y = spectrumInput.baseAddress!
        let w = UnsafeRawPointer(hann.baseAddress!)
        var s2 = SIMD4<Double>()
        var s3 = SIMD4<Double>()
        var s4 = SIMD4<Double>()
        index = 0
        while index < vectorEnd {
            let d = SIMD4<Double>(Self.load(x + index)) - mean
            let weighted = d * w.loadUnaligned(fromByteOffset: index * 8, as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: weighted, as: SIMD4<Double>.self)
            let d2 = d * d
            s2 += d2
            s3 += d2 * d
            s4 += d2 * d2
            index += 4
        }
        var (t2, t3, t4) = (s2.sum(), s3.sum(), s4.sum())
        while index < count {
            let d = Double(x[index]) - mean
            y[index] = d * hann[index]
            t2 += d * d
            t3 += d * d * d
            t4 += d * d * d * d
            index += 1
        }

        let n = Double(count)
        self.mean = mean
        minimum = Double(low)
        maximum = Double(high)
        m2 = t2 / n
        m3 = t3 / n
        m4 = t4 / n
        zeroCrossingRate = Double(Self.crossings(x, count: count, mean: mean)) / Double(count - 1)
    }

    /// Pairs of consecutive samples on opposite sides of `mean` (one below, the other at or above it).
    private static func crossings(_ x: UnsafePointer<Float>, count: Int, mean: Double) -> Int {
        // The least float ≥ mean: for a float x, x < mean exactly when x < threshold.
        var threshold = Float(mean)
        if Double(threshold) < mean { threshold = threshold.nextUp }
        let limit = SIMD4<Float>(repeating: threshold)
        var counts = SIMD4<Int32>()
        var index = 1
        while index + 4 <= count {
            let current = load(x + index) .< limit
            let previous = load(x + index - 1) .< limit
            counts = counts.replacing(with: counts &+ 1, where: current .^ previous)
            index += 4
        }
        var total = Int(counts.wrappedSum())
        while index < count {
            total += (x[index] < threshold) != (x[index - 1] < threshold) ? 1 : 0
            index += 1
        }
        return total
    }

    /// Four samples from `pointer`, which need not be aligned.
    private static func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
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
