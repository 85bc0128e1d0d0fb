extension FeatureExtractor {
    /// Transforms ``spectrumInput`` and writes the axis's spectral features into ``values`` from `offset`; returns
    /// the offset after them.
    func writeSpectralFeatures(at offset: Int) -> Int {
        guard let fft else { return offset }
        let real = spectrumReal.baseAddress!
        let imaginary = spectrumImaginary.baseAddress!
        fft.transform(spectrumInput.baseAddress!, real: real, imaginary: imaginary)
        let last = windowLength / 2
        for k in 0...last { power[k] = real[k] * real[k] + imaginary[k] * imaginary[k] }
        var offset = offset
        for feature in spectralFeatures {
            switch feature {
            case .bandPowers:
                for band in bandStarts.indices {
                    values[offset] = bandPower(bins: bandStarts[band]..<bandEnds[band])
                    offset += 1
                }
                continue
            case .centroid: values[offset] = centroid()
            case .dominantFrequency: values[offset] = dominantFrequency()
            case .entropy: values[offset] = entropy()
            }
            offset += 1
        }
        return offset
    }

    /// `Σ P[k]·fs/N` over `bins`, where bins 0 and N/2 weigh half as much as the others (one-sided PSD).
    private func bandPower(bins: Range<Int>) -> Double {
        var sum = 0.0
        for k in bins { sum += power[k] }
        var value = interiorBandScale * sum
        if bins.contains(0) { value -= edgeBandScale * power[0] }
        if bins.contains(windowLength / 2) { value -= edgeBandScale * power[windowLength / 2] }
        return value
    }

    /// Magnitude-weighted mean frequency, Hz; 0 for a silent window.
    private func centroid() -> Double {
        var weighted = 0.0
        var total = 0.0
        for k in 0...(windowLength / 2) {
            let magnitude = power[k].squareRoot()
            weighted += Double(k) * magnitude
            total += magnitude
        }
        return total > 0 ? weighted / total * binHz : 0
    }

    /// Frequency of the strongest bin above DC, Hz; the lowest on ties.
    private func dominantFrequency() -> Double {
        var best = 1
        var k = 2
        while k <= windowLength / 2 {
            if power[k] > power[best] { best = k }
            k += 1
        }
        return Double(best) * binHz
    }

    /// Shannon entropy of the normalised one-sided power spectrum, bits; 0 for a silent window.
    private func entropy() -> Double {
        let last = windowLength / 2
        var total = power[0] + power[last]
        for k in 1..<last { total += 2 * power[k] }
        guard total > 0 else { return 0 }
        let inverse = 1 / total
        var sum = 0.0
        for k in 0...last {
            let p = power[k] * inverse * (k == 0 || k == last ? 1 : 2)
            if p > 0 { sum -= p * Math.logarithm2(p) }
        }
        return sum
    }
}
