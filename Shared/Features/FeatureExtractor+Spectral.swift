extension FeatureExtractor {
    /// Transforms ``spectrumInput`` and writes the axis's spectral features into ``values`` from `offset`; returns
    /// the offset after them.
    func writeSpectralFeatures(at offset: Int) -> Int {
        guard let fft else { return offset }
        fft.transform(
            spectrumInput.baseAddress!,
            real: spectrumReal.baseAddress!,
            imaginary: spectrumImaginary.baseAddress!
        )
        var k = 0
        var powerSums = SIMD4<Double>()
        var weightedPowerSums = SIMD4<Double>()
        while k < paddedBinCount {
            let real = vector(spectrumReal, k)
            let imaginary = vector(spectrumImaginary, k)
            let binPower = real * real + imaginary * imaginary
            store(binPower, power, k)
            powerSums += binPower
            weightedPowerSums += vector(binWeights, k) * binPower
            k += 4
        }
        let powerSum = powerSums.sum()
        let oneSidedSum = weightedPowerSums.sum()
        var offset = offset
        for feature in spectralFeatures {
            switch feature {
            case .bandPowers:
                for band in bandStarts.indices {
                    values[offset] = bandPower(bins: bandStarts[band]..<bandEnds[band])
                    offset += 1
                }
                continue
            case .centroid: values[offset] = centroid(powerSum: powerSum)
            case .dominantFrequency: values[offset] = dominantFrequency()
            case .entropy: values[offset] = entropy(oneSidedSum: oneSidedSum)
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

    /// Magnitude-weighted mean frequency, Hz; 0 for a silent window. `powerSum` is `Σ |X[k]|²`.
    private func centroid(powerSum: Double) -> Double {
        guard powerSum > 0 else { return 0 }
        // The centroid does not change with the scale of the powers; powers relative to their sum fit a Float.
        let inverse = 1 / powerSum
        var weighted = SIMD4<Double>()
        var magnitudes = SIMD4<Double>()
        var k = 0
        while k < paddedBinCount {
            let magnitude = SIMD4<Double>(FastFloatMath.squareRoot(SIMD4<Float>(vector(power, k) * inverse)))
            weighted += vector(binIndices, k) * magnitude
            magnitudes += magnitude
            k += 4
        }
        return weighted.sum() / magnitudes.sum() * binHz
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

    /// Shannon entropy of the normalised one-sided power spectrum, bits; 0 for a silent window. `oneSidedSum` is
    /// the sum of the one-sided powers (interior bins counted twice).
    private func entropy(oneSidedSum: Double) -> Double {
        guard oneSidedSum > 0 else { return 0 }
        let inverse = 1 / oneSidedSum
        var sums = SIMD4<Double>()
        var k = 0
        while k < paddedBinCount {
            // p = 0 (silent bins, padding) contributes p·log2(p) = 0 since the logarithm stays finite there.
            let p = SIMD4<Float>(vector(binWeights, k) * vector(power, k) * inverse)
            sums -= SIMD4<Double>(p * FastFloatMath.log2(p))
            k += 4
        }
        return sums.sum()
    }

    /// Four Doubles of `buffer` from `index` (a multiple of 4 within the padded length).
    private func vector(_ buffer: UnsafeMutableBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD4<Double>.self)
    }

    private func store(_ value: SIMD4<Double>, _ buffer: UnsafeMutableBufferPointer<Double>, _ index: Int) {
        UnsafeMutableRawPointer(buffer.baseAddress! + index).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
