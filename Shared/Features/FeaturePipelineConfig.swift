/// Everything that defines a feature vector: the sensor and axes it reads, how samples are windowed and filtered,
/// which features are computed in which order, and how the vector is standardised.
///
/// The config travels inside the model artifact's manifest, so the hub's training and the device compute the same
/// vector from the same samples (no train/serve skew). Its JSON form uses snake_case keys and is part of the
/// artifact contract in DESIGN.md.
///
/// Layout of the vector: axis by axis in ``axes`` order; within an axis, the ``timeFeatures`` in their listed order,
/// then the spectral features in their listed order, where `band_powers` expands to one entry per band. The names
/// are `"{axis}.{feature}"`, with bands as `"{axis}.band_power_{index}"` (see ``featureNames``). A raw-samples
/// pipeline (``rawSamples``, for convolutional models) computes no statistics: its vector is the (filtered) window
/// itself, axis after axis, named `"{axis}.s{index}"`.
public struct FeaturePipelineConfig: Codable, Sendable, Hashable {
    /// The only schema version this build reads and writes.
    public static let currentVersion = 1

    /// Schema version of this config.
    public var version: Int
    /// The sensor whose frames feed the pipeline: the last level of `sensors/{device}/{sensor}`, for example `accel`.
    public var sensor: String
    /// The axes read from each frame, in vector order, for example `["x", "y", "z"]`.
    public var axes: [String]
    /// Sample rate the pipeline expects, Hz; frames at another rate are refused.
    public var sampleRateHz: Double
    /// Samples per window per axis; a power of two when spectral features are asked for (it is the FFT length).
    public var windowLength: Int
    /// Samples between the starts of consecutive windows (`windowLength - overlap`), 1...windowLength.
    public var hop: Int
    /// A biquad applied to every axis before windowing, if any.
    public var filter: BiquadFilterSpec?
    /// Time-domain features per axis, in vector order.
    public var timeFeatures: [TimeFeature]
    /// Frequency-domain features per axis (Hann window, real FFT of `windowLength`), if any.
    public var spectral: SpectralFeatureSpec?
    /// Standardisation applied to the finished vector, one mean and std per feature, if any.
    public var standardization: Standardization?
    /// True: the vector is the window's samples (no time or spectral features may be listed). Absent from the JSON
    /// when nil, so configs without it keep their form.
    public var rawSamples: Bool?

    /// A config with every field given; call ``validate()`` before use.
    public init(
        sensor: String,
        axes: [String],
        sampleRateHz: Double,
        windowLength: Int,
        hop: Int,
        filter: BiquadFilterSpec? = nil,
        timeFeatures: [TimeFeature],
        spectral: SpectralFeatureSpec?,
        standardization: Standardization? = nil,
        rawSamples: Bool? = nil
    ) {
        self.version = Self.currentVersion
        self.sensor = sensor
        self.axes = axes
        self.sampleRateHz = sampleRateHz
        self.windowLength = windowLength
        self.hop = hop
        self.filter = filter
        self.timeFeatures = timeFeatures
        self.spectral = spectral
        self.standardization = standardization
        self.rawSamples = rawSamples
    }

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case sensor
        case axes
        case sampleRateHz = "sample_rate_hz"
        case windowLength = "window_length"
        case hop
        case filter
        case timeFeatures = "time_features"
        case spectral
        case standardization
        case rawSamples = "raw_samples"
    }
}

/// A time-domain statistic of one window of one axis. Definitions follow numpy/scipy defaults: population standard
/// deviation (`ddof=0`), biased skewness, Fisher (excess) kurtosis.
public enum TimeFeature: String, Codable, Sendable, Hashable, CaseIterable {
    case mean
    case std
    case min
    case max
    case rms
    case peakToPeak = "peak_to_peak"
    case skewness
    case kurtosis
    case crestFactor = "crest_factor"
    case zeroCrossingRate = "zero_crossing_rate"
}

/// A frequency-domain feature of one window of one axis.
public enum SpectralFeature: String, Codable, Sendable, Hashable, CaseIterable {
    /// One power per band of ``SpectralFeatureSpec/bands``.
    case bandPowers = "band_powers"
    /// Magnitude-weighted mean frequency, Hz.
    case centroid = "spectral_centroid"
    /// Frequency of the largest non-DC magnitude bin, Hz.
    case dominantFrequency = "dominant_frequency"
    /// Shannon entropy of the normalised power spectrum.
    case entropy = "spectral_entropy"
}

/// Which spectral features to compute and the bands for `band_powers`.
public struct SpectralFeatureSpec: Codable, Sendable, Hashable {
    /// Spectral features in vector order.
    public var features: [SpectralFeature]
    /// Bands for `band_powers`.
    public var bands: BandSpec

    /// A spec with the given features and bands.
    public init(features: [SpectralFeature], bands: BandSpec) {
        self.features = features
        self.bands = bands
    }
}

/// Frequency bands between two edges, equally spaced on a linear or a log scale.
public struct BandSpec: Codable, Sendable, Hashable {
    /// How band edges are spaced.
    public enum Spacing: String, Codable, Sendable, Hashable {
        case linear
        case log
    }

    /// Edge spacing.
    public var spacing: Spacing
    /// Number of bands, ≥ 1.
    public var count: Int
    /// Lower edge of the first band, Hz (> 0 for log spacing).
    public var lowHz: Double
    /// Upper edge of the last band, Hz, at most the Nyquist frequency.
    public var highHz: Double

    /// `count` bands from `lowHz` to `highHz`.
    public init(spacing: Spacing, count: Int, lowHz: Double, highHz: Double) {
        self.spacing = spacing
        self.count = count
        self.lowHz = lowHz
        self.highHz = highHz
    }

    enum CodingKeys: String, CodingKey {
        case spacing
        case count
        case lowHz = "low_hz"
        case highHz = "high_hz"
    }
}

/// A second-order IIR filter (RBJ audio-EQ cookbook) applied per axis before windowing.
public struct BiquadFilterSpec: Codable, Sendable, Hashable {
    /// Which response.
    public enum Kind: String, Codable, Sendable, Hashable {
        case lowPass = "low_pass"
        case highPass = "high_pass"
    }

    /// Response.
    public var kind: Kind
    /// Cut-off frequency, Hz, below the Nyquist frequency.
    public var cutoffHz: Double
    /// Quality factor; 1/√2 gives a Butterworth response.
    public var q: Double

    /// A filter of the given kind.
    public init(kind: Kind, cutoffHz: Double, q: Double = 0.5.squareRoot()) {
        self.kind = kind
        self.cutoffHz = cutoffHz
        self.q = q
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case cutoffHz = "cutoff_hz"
        case q
    }
}

/// Standardisation of the feature vector: `(value - mean) / std`, one pair per feature in vector order.
public struct Standardization: Codable, Sendable, Hashable {
    /// Means, one per feature.
    public var means: [Double]
    /// Standard deviations, one per feature, each > 0.
    public var stds: [Double]

    /// Standardisation with stored statistics.
    public init(means: [Double], stds: [Double]) {
        self.means = means
        self.stds = stds
    }
}

extension FeaturePipelineConfig {
    /// The feature names in vector order: `"{axis}.{feature}"`, bands as `"{axis}.band_power_{index}"`.
    public var featureNames: [String] {
        if isRawSamples { return axes.flatMap { axis in (0..<windowLength).map { "\(axis).s\($0)" } } }
        return axes.flatMap { axis in
            var names = timeFeatures.map { "\(axis).\($0.rawValue)" }
            for feature in spectral?.features ?? [] {
                if feature == .bandPowers {
                    names += (0..<(spectral?.bands.count ?? 0)).map { "\(axis).band_power_\($0)" }
                } else {
                    names.append("\(axis).\(feature.rawValue)")
                }
            }
            return names
        }
    }

    /// Length of the feature vector.
    public var featureCount: Int { isRawSamples ? axes.count * windowLength : featureNames.count }

    /// Whether the vector is the window's samples (``rawSamples`` is true).
    public var isRawSamples: Bool { rawSamples == true }
}
