extension FeaturePipelineConfig {
    /// Highest sample rate a pipeline accepts, Hz (the wire protocol's limit for sensor frames).
    public static let maxSampleRateHz = 1_000_000.0
    /// Longest window, samples per axis.
    public static let maxWindowLength = 65_536
    /// Most axes a pipeline reads (the wire protocol's limit for sensor frames).
    public static let maxAxes = 16

    /// Checks that the config can be run as given.
    ///
    /// - Throws: `.invalidConfig` naming the first bad field: an unknown version, a sensor or axis name that is not
    ///   1...64 of `[A-Za-z0-9._-]`, no or repeated axes, a rate that is not finite or outside (0, 1 MHz], a window
    ///   outside 2...65_536 (a power of two when spectral features are asked for), a hop outside 1...window, no
    ///   features at all, repeated features, bands that are empty, out of order, beyond Nyquist or that hold no FFT
    ///   bin, a filter cut-off outside (0, Nyquist) or a Q that is not positive, and statistics whose count differs
    ///   from ``featureCount`` or whose stds are not finite and positive.
    public func validate() throws(FeatureError) {
        guard version == Self.currentVersion else {
            throw invalid("v", "version \(version), this build reads \(Self.currentVersion)")
        }
        guard Self.isIdentifier(sensor) else {
            throw invalid("sensor", "\"\(sensor)\" is not 1...64 of [A-Za-z0-9._-]")
        }
        guard (1...Self.maxAxes).contains(axes.count) else {
            throw invalid("axes", "\(axes.count) axes, not 1...\(Self.maxAxes)")
        }
        for (index, axis) in axes.enumerated() {
            guard Self.isIdentifier(axis) else {
                throw invalid("axes", "\"\(axis)\" is not 1...64 of [A-Za-z0-9._-]")
            }
            guard !axes[..<index].contains(axis) else { throw invalid("axes", "\"\(axis)\" appears twice") }
        }
        guard sampleRateHz.isFinite, sampleRateHz > 0, sampleRateHz <= Self.maxSampleRateHz else {
            throw invalid("sample_rate_hz", "\(sampleRateHz) is not in (0, \(Self.maxSampleRateHz)]")
        }
        guard (2...Self.maxWindowLength).contains(windowLength) else {
            throw invalid("window_length", "\(windowLength) is not in 2...\(Self.maxWindowLength)")
        }
        guard (1...windowLength).contains(hop) else { throw invalid("hop", "\(hop) is not in 1...\(windowLength)") }
        if isRawSamples {
            guard timeFeatures.isEmpty, spectral == nil else {
                throw invalid("raw_samples", "a raw-samples pipeline lists no time or spectral features")
            }
        } else {
            guard !timeFeatures.isEmpty || !(spectral?.features.isEmpty ?? true) else {
                throw invalid("time_features", "no time or spectral features: the vector would be empty")
            }
        }
        guard Set(timeFeatures).count == timeFeatures.count else {
            throw invalid("time_features", "a feature appears twice")
        }
        if let spectral { try validate(spectral) }
        if let filter { try validate(filter) }
        if let standardization { try validate(standardization) }
    }

    /// The Nyquist frequency, Hz.
    public var nyquistHz: Double { sampleRateHz / 2 }

    private func validate(_ spectral: SpectralFeatureSpec) throws(FeatureError) {
        guard windowLength.nonzeroBitCount == 1 else {
            throw invalid("window_length", "\(windowLength) is not a power of two, which spectral features need")
        }
        guard Set(spectral.features).count == spectral.features.count else {
            throw invalid("spectral.features", "a feature appears twice")
        }
        guard spectral.features.contains(.bandPowers) else { return }
        let bands = spectral.bands
        guard (1...windowLength / 2).contains(bands.count) else {
            throw invalid("spectral.bands.count", "\(bands.count) is not in 1...\(windowLength / 2)")
        }
        let lowest = bands.spacing == .log ? Double.leastNonzeroMagnitude : 0
        guard bands.lowHz.isFinite, bands.lowHz >= lowest, bands.highHz.isFinite, bands.highHz > bands.lowHz,
            bands.highHz <= nyquistHz
        else {
            throw invalid(
                "spectral.bands",
                "\(bands.lowHz)...\(bands.highHz) Hz is not an increasing range within "
                    + "\(bands.spacing == .log ? "(0" : "[0"), \(nyquistHz)] Hz"
            )
        }
        let layout = BandLayout(bands: bands, sampleRateHz: sampleRateHz, windowLength: windowLength)
        if let empty = layout.binRanges.firstIndex(where: \.isEmpty) {
            let edges = layout.edgesHz
            throw invalid(
                "spectral.bands",
                "band \(empty) (\(edges[empty])...\(edges[empty + 1]) Hz) holds no FFT bin at "
                    + "\(sampleRateHz / Double(windowLength)) Hz resolution"
            )
        }
    }

    private func validate(_ filter: BiquadFilterSpec) throws(FeatureError) {
        guard filter.cutoffHz.isFinite, filter.cutoffHz > 0, filter.cutoffHz < nyquistHz else {
            throw invalid("filter.cutoff_hz", "\(filter.cutoffHz) is not in (0, \(nyquistHz)) Hz")
        }
        guard filter.q.isFinite, filter.q > 0 else { throw invalid("filter.q", "\(filter.q) is not positive") }
    }

    private func validate(_ standardization: Standardization) throws(FeatureError) {
        let count = featureCount
        guard standardization.means.count == count, standardization.stds.count == count else {
            throw invalid(
                "standardization",
                "\(standardization.means.count) means and \(standardization.stds.count) stds for \(count) features"
            )
        }
        if let index = standardization.means.firstIndex(where: { !$0.isFinite }) {
            throw invalid("standardization.means", "entry \(index) is not finite")
        }
        if let index = standardization.stds.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw invalid("standardization.stds", "entry \(index) is \(standardization.stds[index]), not > 0")
        }
    }

    private func invalid(_ field: String, _ message: String) -> FeatureError {
        FeatureError(.invalidConfig, "FeaturePipelineConfig.\(field): \(message)")
    }

    /// True when `text` is 1...64 bytes of `[A-Za-z0-9._-]`, the characters of a topic level (as the wire protocol).
    private static func isIdentifier(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...64).contains(bytes.count)
            && bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
    }
}
