extension FeaturePipelineConfig {
    /// The edge's built-in pipeline until a model brings its own: sensor `vibration`, axes x, y, z at 1000 Hz,
    /// windows of 256 samples every 128, every time feature, band powers on 8 log-spaced bands from 5 to 500 Hz,
    /// spectral centroid, dominant frequency and spectral entropy; no filter, no standardisation (63 features).
    public static let vibrationDefault = FeaturePipelineConfig(
        sensor: "vibration",
        axes: ["x", "y", "z"],
        sampleRateHz: 1000,
        windowLength: 256,
        hop: 128,
        timeFeatures: TimeFeature.allCases,
        spectral: SpectralFeatureSpec(
            features: SpectralFeature.allCases,
            bands: BandSpec(spacing: .log, count: 8, lowHz: 5, highHz: 500)
        )
    )
}
