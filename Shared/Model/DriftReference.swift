/// The training distribution of every input feature, recorded in the manifest so that devices and the hub can tell
/// when live features drift away from it. Filled by training; read by drift detection.
public struct DriftReference: Codable, Sendable, Hashable {
    /// One entry per feature, in feature-vector order.
    public var features: [FeatureDistribution]
    /// Training samples per class, in label order: the reference of the predicted-class distribution (absent in
    /// artifacts made before it was recorded).
    public var classCounts: [Int]?

    /// A reference with the given per-feature distributions and class counts.
    public init(features: [FeatureDistribution], classCounts: [Int]? = nil) {
        self.features = features
        self.classCounts = classCounts
    }

    enum CodingKeys: String, CodingKey {
        case features
        case classCounts = "class_counts"
    }
}

/// One feature's training histogram over fixed bin edges, and its moments.
public struct FeatureDistribution: Codable, Sendable, Hashable {
    /// Feature name, as in `FeaturePipelineConfig.featureNames`.
    public var name: String
    /// Bin edges, strictly increasing, `counts.count + 1` of them; values outside fall in the first or last bin.
    public var binEdges: [Double]
    /// Training samples per bin.
    public var counts: [Int]
    /// Number of training samples.
    public var count: Int
    /// Mean.
    public var mean: Double
    /// Population standard deviation.
    public var std: Double
    /// Biased skewness.
    public var skewness: Double
    /// Excess (Fisher) kurtosis.
    public var kurtosis: Double
    /// Smallest training value.
    public var min: Double
    /// Largest training value.
    public var max: Double

    /// A distribution with every field given.
    public init(
        name: String,
        binEdges: [Double],
        counts: [Int],
        count: Int,
        mean: Double,
        std: Double,
        skewness: Double,
        kurtosis: Double,
        min: Double,
        max: Double
    ) {
        self.name = name
        self.binEdges = binEdges
        self.counts = counts
        self.count = count
        self.mean = mean
        self.std = std
        self.skewness = skewness
        self.kurtosis = kurtosis
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey {
        case name
        case binEdges = "bin_edges"
        case counts
        case count
        case mean
        case std
        case skewness
        case kurtosis
        case min
        case max
    }
}
