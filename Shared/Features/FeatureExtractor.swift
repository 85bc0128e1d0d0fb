/// Computes the feature vector of one window, as ``FeaturePipelineConfig`` defines it, with every buffer allocated
/// once by `init`: ``extract(window:into:)`` allocates nothing.
///
/// Per axis:
/// - time features from the raw samples (see ``TimeFeature``; skewness and kurtosis are 0 for a constant window,
///   the crest factor 0 for an all-zero one, the zero-crossing rate counts sign changes of the mean-removed samples
///   over the `N − 1` consecutive pairs);
/// - spectral features from `X = rfft((x − mean)·w)`, `w` the periodic Hann window (``HannWindow``), bins `k` in
///   `0...N/2` at `f[k] = k·fs/N`:
///   - the power spectral density `P[k] = |X[k]|²/(fs·Σw²)`, doubled for `0 < k < N/2`: scipy's
///     `periodogram(x, fs, window="hann", detrend="constant", scaling="density")`;
///   - `band_powers`: `Σ P[k]·fs/N` over each band's bins (``BandLayout``), in squared sample units;
///   - `spectral_centroid`: `Σ f[k]·|X[k]| / Σ |X[k]|`, Hz (0 for a silent window);
///   - `dominant_frequency`: `f[k]` of the largest `|X[k]|` for `k ≥ 1`, the lowest such bin on ties, Hz;
///   - `spectral_entropy`: `−Σ p[k]·log2 p[k]` with `p = P/ΣP`, bits (0 for a silent window).
///
/// The FFT, moments and sums are Double; the per-bin square roots of the centroid and logarithms of the entropy are
/// Float (``FastFloatMath``, about 1e-7 relative), which the golden tests bound at 1e-5 of numpy's values.
/// Standardisation, if configured, maps each value `v` to `(v − mean)/std` before the vector is rounded to Float.
/// `scripts/reference/features_golden.py` is the numpy/scipy reference for all of it.
///
/// An extractor holds scratch memory, so one serves one thread at a time (it is not `Sendable`).
public final class FeatureExtractor {
    /// The pipeline this extractor computes; valid.
    public let config: FeaturePipelineConfig
    /// Length of the vectors produced.
    public let featureCount: Int

    let windowLength: Int
    let axisCount: Int
    /// Which features per axis, in vector order.
    let timeFeatures: [TimeFeature]
    let spectralFeatures: [SpectralFeature]
    /// The FFT plan, when any spectral feature is asked for.
    let fft: RealFFT?
    /// Hann coefficients (`windowLength`).
    let hann: UnsafeMutableBufferPointer<Double>
    /// PSD scale for the interior bins and for bins 0 and N/2: `2/(fs·Σw²)` and `1/(fs·Σw²)`, times `fs/N`, so a
    /// sum of scaled powers is a band power.
    let interiorBandScale: Double
    let edgeBandScale: Double
    /// First bin and bin count of each band, flattened.
    let bandStarts: [Int]
    let bandEnds: [Int]
    /// Hz per bin.
    let binHz: Double
    /// Windowed, mean-removed samples of one axis (`windowLength`), the FFT's input.
    let spectrumInput: UnsafeMutableBufferPointer<Double>
    /// FFT output and powers: `binCount` each, padded with zeros to a multiple of 4 (``paddedBinCount``).
    let spectrumReal: UnsafeMutableBufferPointer<Double>
    let spectrumImaginary: UnsafeMutableBufferPointer<Double>
    let power: UnsafeMutableBufferPointer<Double>
    /// Per bin (padded): its index `k` as a Double, and its weight in the one-sided spectrum (1 for bins 0 and
    /// N/2, 2 between, 0 in the padding).
    let binIndices: UnsafeMutableBufferPointer<Double>
    let binWeights: UnsafeMutableBufferPointer<Double>
    /// `windowLength / 2 + 1` rounded up to a multiple of 4.
    let paddedBinCount: Int
    /// The vector in Double before standardisation and rounding (`featureCount`).
    let values: UnsafeMutableBufferPointer<Double>
    /// Standardisation as `mean` and `1/std`, when configured.
    let means: [Double]?
    let inverseStds: [Double]?

    /// An extractor for `config`.
    /// - Throws: `.invalidConfig` as ``FeaturePipelineConfig/validate()`` does.
    public init(config: FeaturePipelineConfig) throws(FeatureError) {
        try config.validate()
        self.config = config
        featureCount = config.featureCount
        windowLength = config.windowLength
        axisCount = config.axes.count
        timeFeatures = config.timeFeatures
        spectralFeatures = config.spectral?.features ?? []
        let spectral = !spectralFeatures.isEmpty
        fft = spectral ? try RealFFT(length: windowLength) : nil
        let binCount = windowLength / 2 + 1
        hann = .allocate(capacity: windowLength)
        _ = hann.initialize(from: HannWindow.coefficients(length: windowLength))
        let windowEnergy = hann.reduce(0) { $0 + $1 * $1 }
        binHz = config.sampleRateHz / Double(windowLength)
        edgeBandScale = binHz / (config.sampleRateHz * windowEnergy)
        interiorBandScale = 2 * edgeBandScale
        if spectralFeatures.contains(.bandPowers), let bands = config.spectral?.bands {
            let layout = BandLayout(bands: bands, sampleRateHz: config.sampleRateHz, windowLength: windowLength)
            bandStarts = layout.binRanges.map(\.lowerBound)
            bandEnds = layout.binRanges.map(\.upperBound)
        } else {
            bandStarts = []
            bandEnds = []
        }
        spectrumInput = .allocate(capacity: windowLength)
        paddedBinCount = (binCount + 3) & ~3
        spectrumReal = .allocate(capacity: paddedBinCount)
        spectrumImaginary = .allocate(capacity: paddedBinCount)
        power = .allocate(capacity: paddedBinCount)
        binIndices = .allocate(capacity: paddedBinCount)
        binWeights = .allocate(capacity: paddedBinCount)
        for buffer in [spectrumReal, spectrumImaginary, power] { buffer.initialize(repeating: 0) }
        for k in 0..<paddedBinCount {
            binIndices[k] = Double(k)
            binWeights[k] = k >= binCount ? 0 : k == 0 || k == binCount - 1 ? 1 : 2
        }
        values = .allocate(capacity: featureCount)
        means = config.standardization?.means
        inverseStds = config.standardization?.stds.map { 1 / $0 }
    }

    deinit {
        let buffers = [hann, spectrumInput, spectrumReal, spectrumImaginary, power, binIndices, binWeights, values]
        for buffer in buffers { buffer.deallocate() }
    }

    /// Computes the feature vector of `window` into `output`.
    ///
    /// - Parameters:
    ///   - window: the window's samples axis after axis, in the config's axis order: `axes.count × windowLength`.
    ///   - output: room for ``featureCount`` values, written in ``FeaturePipelineConfig/featureNames`` order.
    /// - Throws: `.wrongLength` when a buffer has another length, `.nonFiniteSample` naming the axis when a
    ///   sample is NaN or infinite (the output is then unspecified).
    public func extract(
        window: UnsafeBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>
    ) throws(FeatureError) {
        guard window.count == axisCount * windowLength else {
            throw FeatureError(
                .wrongLength,
                "window: \(window.count) samples, the pipeline needs \(axisCount) axes × \(windowLength)"
            )
        }
        guard output.count == featureCount else {
            throw FeatureError(.wrongLength, "output: room for \(output.count) values, the vector has \(featureCount)")
        }
        if config.isRawSamples {
            for index in 0..<featureCount {
                guard window[index].isFinite else {
                    throw FeatureError(
                        .nonFiniteSample,
                        "window.\(config.axes[index / windowLength]): a sample is NaN or infinite"
                    )
                }
                values[index] = Double(window[index])
            }
            standardise(into: output)
            return
        }
        var offset = 0
        for axis in 0..<axisCount {
            let samples = UnsafeBufferPointer(rebasing: window[(axis * windowLength)..<((axis + 1) * windowLength)])
            guard let statistics = TimeStatistics(samples, spectrumInput: spectrumInput, hann: hann)
            else {
                throw FeatureError(.nonFiniteSample, "window.\(config.axes[axis]): a sample is NaN or infinite")
            }
            for feature in timeFeatures {
                values[offset] = statistics.value(of: feature)
                offset += 1
            }
            if !spectralFeatures.isEmpty { offset = writeSpectralFeatures(at: offset) }
        }
        standardise(into: output)
    }

    /// Writes ``values``, standardised when configured, into `output` as Float.
    private func standardise(into output: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<featureCount {
            var value = values[index]
            if let means, let inverseStds { value = (value - means[index]) * inverseStds[index] }
            output[index] = Float(value)
        }
    }
}
