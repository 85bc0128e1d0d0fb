import ConfigLoading
import Foundation
import SignalFeatures

/// How the edge turns sensor frames into feature vectors. Keys (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `features.file` | none | a pipeline JSON file (the model artifact's form); excludes the inline keys |
/// | `features.sensor` | `vibration` | the sensor read: `sensors/{device.id}/{sensor}` |
/// | `features.axes` | `[x, y, z]` | axes, in vector order |
/// | `features.sample_rate_hz` | `1000` | the rate frames must have |
/// | `features.window_length` | `256` | samples per window (a power of two with spectral features) |
/// | `features.hop` | `128` | samples between window starts |
/// | `features.time_features` | all ten | raw names of `TimeFeature` |
/// | `features.spectral_features` | all four | raw names of `SpectralFeature`; empty for none |
/// | `features.bands.spacing`, `.count`, `.low_hz`, `.high_hz` | `log`, `8`, `5`, `500` | bands of `band_powers` |
/// | `features.filter.kind` | `none` | `none`, `low_pass` or `high_pass` (RBJ biquad) |
/// | `features.filter.cutoff_hz`, `features.filter.q` | `10`, `0.7071` | the filter's cut-off and Q |
/// | `features.gap_tolerance` | `5ms` | distance of a frame's `ts` from the previous frame's end still continuous |
/// | `features.queue` | `1024` | vectors buffered for inference; beyond, the oldest are dropped and counted |
/// | `features.counters_interval` | `10s` | how often the counters are saved for `edge status` |
///
/// The inline keys are ``inlinePipelineKeys``.
public struct SensorSettings: Sendable {
    /// The pipeline; valid.
    public var pipeline: FeaturePipelineConfig
    /// Largest distance between a frame's `ts` and the end of the previous frame that still counts as continuous.
    public var gapTolerance: Duration
    /// Vectors buffered for the consumer.
    public var queueLength: Int
    /// Interval of saving the counters.
    public var countersInterval: Duration

    /// The keys that define the pipeline inline, which `features.file` excludes.
    static let inlinePipelineKeys = [
        "features.sensor", "features.axes", "features.sample_rate_hz", "features.window_length", "features.hop",
        "features.time_features", "features.spectral_features", "features.bands.spacing", "features.bands.count",
        "features.bands.low_hz", "features.bands.high_hz", "features.filter.kind", "features.filter.cutoff_hz",
        "features.filter.q",
    ]

    /// Reads the `features.*` keys.
    /// - Throws: `ConfigError` naming the key: a bad value, an unreadable or invalid pipeline file, an inline key
    ///   set together with `features.file`, or a pipeline that `FeaturePipelineConfig.validate()` refuses.
    public static func read(from config: inout ConfigReader) throws(ConfigError) -> SensorSettings {
        let file = try config.optionalString("features.file")
        let inline = try readInlinePipeline(from: &config)
        let pipeline: FeaturePipelineConfig
        if let file {
            if let conflict = config.settings.first(where: {
                inlinePipelineKeys.contains($0.key) && $0.origin != .builtInDefault
            }) {
                throw ConfigError(
                    code: .badValue,
                    key: conflict.key,
                    origin: conflict.origin,
                    message:
                        "\(conflict.key): cannot be set together with features.file (the file defines the pipeline)"
                )
            }
            pipeline = try loadPipeline(file)
        } else {
            pipeline = inline
            do {
                try pipeline.validate()
            } catch {
                throw inlineError(error)
            }
        }
        return SensorSettings(
            pipeline: pipeline,
            gapTolerance: try config.duration(
                "features.gap_tolerance",
                default: .milliseconds(5),
                range: .zero...(.seconds(60))
            ),
            queueLength: try config.int("features.queue", default: 1024, range: 1...1_000_000),
            countersInterval: try config.duration(
                "features.counters_interval",
                default: .seconds(10),
                range: .milliseconds(100)...(.seconds(86_400))
            )
        )
    }

    /// Reads a pipeline JSON file and validates it.
    /// - Throws: `ConfigError` for `features.file` when the file cannot be read, decoded or validated.
    public static func loadPipeline(_ path: String) throws(ConfigError) -> FeaturePipelineConfig {
        let origin = ConfigOrigin.document(name: path, line: nil)
        let pipeline: FeaturePipelineConfig
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            pipeline = try JSONDecoder().decode(FeaturePipelineConfig.self, from: data)
        } catch {
            throw ConfigError(
                code: .unreadableFile,
                key: "features.file",
                origin: origin,
                message: "features.file: not a readable pipeline JSON (\(error))"
            )
        }
        do {
            try pipeline.validate()
        } catch {
            throw ConfigError(
                code: .badValue,
                key: "features.file",
                origin: origin,
                message: "features.file: \(error.context)"
            )
        }
        return pipeline
    }

    private static func readInlinePipeline(from config: inout ConfigReader) throws(ConfigError) -> FeaturePipelineConfig
    {
        let defaults = FeaturePipelineConfig.vibrationDefault
        let defaultBands = defaults.spectral!.bands
        let sensor = try config.string("features.sensor", default: defaults.sensor)
        let axes = try config.stringList("features.axes", default: defaults.axes)
        let rate = try config.double("features.sample_rate_hz", default: defaults.sampleRateHz)
        let window = try config.int("features.window_length", default: defaults.windowLength)
        let hop = try config.int("features.hop", default: defaults.hop)
        let time: [TimeFeature] = try names("features.time_features", default: defaults.timeFeatures, from: &config)
        let spectral: [SpectralFeature] = try names(
            "features.spectral_features",
            default: defaults.spectral!.features,
            from: &config
        )
        let bands = BandSpec(
            spacing: BandSpec.Spacing(
                rawValue: try config.choice(
                    "features.bands.spacing",
                    default: defaultBands.spacing.rawValue,
                    among: ["linear", "log"]
                )
            )!,
            count: try config.int("features.bands.count", default: defaultBands.count),
            lowHz: try config.double("features.bands.low_hz", default: defaultBands.lowHz),
            highHz: try config.double("features.bands.high_hz", default: defaultBands.highHz)
        )
        let kind = try config.choice("features.filter.kind", default: "none", among: ["none", "low_pass", "high_pass"])
        let cutoff = try config.double("features.filter.cutoff_hz", default: 10)
        let q = try config.double("features.filter.q", default: 0.5.squareRoot())
        return FeaturePipelineConfig(
            sensor: sensor,
            axes: axes,
            sampleRateHz: rate,
            windowLength: window,
            hop: hop,
            filter: BiquadFilterSpec.Kind(rawValue: kind).map { BiquadFilterSpec(kind: $0, cutoffHz: cutoff, q: q) },
            timeFeatures: time,
            spectral: spectral.isEmpty ? nil : SpectralFeatureSpec(features: spectral, bands: bands)
        )
    }

    /// The refusal of an inline pipeline, naming the key of the field `validate()` named
    /// (`FeaturePipelineConfig.spectral.bands: …` becomes `features.bands: …`).
    private static func inlineError(_ error: FeatureError) -> ConfigError {
        let prefix = "FeaturePipelineConfig."
        var field = "pipeline"
        var message = error.context
        if error.context.hasPrefix(prefix), let colon = error.context.firstIndex(of: ":") {
            field = String(error.context[error.context.index(error.context.startIndex, offsetBy: prefix.count)..<colon])
            message = String(error.context[error.context.index(after: colon)...])
        }
        let renamed = [
            "spectral.features": "spectral_features", "spectral.bands": "bands", "spectral.bands.count": "bands.count",
        ]
        let key = "features.\(renamed[field] ?? field)"
        return ConfigError(code: .badValue, key: key, origin: nil, message: "\(key):\(message)")
    }

    /// The list at `key` as raw values of `Feature`.
    private static func names<Feature: RawRepresentable & CaseIterable>(
        _ key: String,
        default defaultValue: [Feature],
        from config: inout ConfigReader
    ) throws(ConfigError) -> [Feature] where Feature.RawValue == String {
        let items = try config.stringList(key, default: defaultValue.map(\.rawValue))
        var features: [Feature] = []
        for item in items {
            guard let feature = Feature(rawValue: item) else {
                let known = Feature.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError(
                    code: .badValue,
                    key: key,
                    origin: nil,
                    message: "\(key): unknown feature \"\(item)\" (known: \(known))"
                )
            }
            features.append(feature)
        }
        return features
    }
}
