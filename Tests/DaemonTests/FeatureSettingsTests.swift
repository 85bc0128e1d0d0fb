import ConfigLoading
import EdgeCore
import Foundation
import SignalFeatures
import TestSupport
import Testing

@Suite("Edge features.* settings")
struct FeatureSettingsTests {
    @Test func defaultIsTheVibrationPipeline() throws {
        let settings = try readEdgeSettings(yaml: "device:\n  id: d1\n")
        #expect(settings.sensors.pipeline == .vibrationDefault)
        #expect(settings.sensors.pipeline.featureCount == 63)
        #expect(settings.sensors.gapTolerance == .milliseconds(5))
        #expect(settings.sensors.queueLength == 1024)
    }

    @Test func inlineKeysDefineThePipeline() throws {
        let settings = try readEdgeSettings(
            yaml: """
                device:
                  id: d1
                features:
                  sensor: accel
                  axes: [z]
                  sample_rate_hz: 800
                  window_length: 128
                  hop: 32
                  time_features: [rms, kurtosis]
                  spectral_features: [dominant_frequency, band_powers]
                  bands:
                    spacing: linear
                    count: 4
                    low_hz: 0
                    high_hz: 400
                  filter:
                    kind: high_pass
                    cutoff_hz: 5
                """,
            flags: ["features.gap_tolerance=20ms"]
        )
        let pipeline = settings.sensors.pipeline
        #expect(pipeline.sensor == "accel")
        #expect(pipeline.axes == ["z"])
        #expect(pipeline.sampleRateHz == 800)
        #expect(pipeline.windowLength == 128)
        #expect(pipeline.hop == 32)
        #expect(pipeline.timeFeatures == [.rms, .kurtosis])
        #expect(pipeline.spectral?.features == [.dominantFrequency, .bandPowers])
        #expect(pipeline.spectral?.bands == BandSpec(spacing: .linear, count: 4, lowHz: 0, highHz: 400))
        #expect(pipeline.filter == BiquadFilterSpec(kind: .highPass, cutoffHz: 5))
        #expect(pipeline.featureNames.first == "z.rms")
        #expect(settings.sensors.gapTolerance == .milliseconds(20))
    }

    @Test func aPipelineFileIsReadAsTheArtifactStoresIt() throws {
        let directory = try TemporaryDirectory(prefix: "features-file")
        defer { directory.remove() }
        var pipeline = FeaturePipelineConfig.vibrationDefault
        pipeline.standardization = Standardization(
            means: Array(repeating: 1, count: pipeline.featureCount),
            stds: Array(repeating: 2, count: pipeline.featureCount)
        )
        let path = try directory.write(
            "pipeline.json",
            String(decoding: try JSONEncoder().encode(pipeline), as: UTF8.self)
        )
        let settings = try readEdgeSettings(yaml: "device:\n  id: d1\nfeatures:\n  file: \(path)\n")
        #expect(settings.sensors.pipeline == pipeline)
    }

    @Test func refusesBadFeatureSettingsNamingTheKey() throws {
        let directory = try TemporaryDirectory(prefix: "features-bad")
        defer { directory.remove() }
        var invalid = FeaturePipelineConfig.vibrationDefault
        invalid.hop = 0
        let invalidPath = try directory.write(
            "invalid.json",
            String(decoding: try JSONEncoder().encode(invalid), as: UTF8.self)
        )
        let garbagePath = try directory.write("garbage.json", "{\"v\": 1, \"sensor\": ")
        let cases: [(yaml: String, code: ConfigError.Code, key: String)] = [
            ("features:\n  window_length: 300\n", .badValue, "features.window_length"),
            ("features:\n  hop: 0\n", .badValue, "features.hop"),
            ("features:\n  sample_rate_hz: 0\n", .badValue, "features.sample_rate_hz"),
            ("features:\n  time_features: [mean, loudness]\n", .badValue, "features.time_features"),
            (
                "features:\n  spectral_features: [band_powers]\n  bands:\n    high_hz: 900\n", .badValue,
                "features.bands"
            ),
            ("features:\n  filter:\n    kind: notch\n", .badValue, "features.filter.kind"),
            ("features:\n  axes: [x, x]\n", .badValue, "features.axes"),
            ("features:\n  gap_tolerance: 2m\n", .badValue, "features.gap_tolerance"),
            ("features:\n  file: \(invalidPath)\n", .badValue, "features.file"),
            ("features:\n  file: \(garbagePath)\n", .unreadableFile, "features.file"),
            ("features:\n  file: \(directory.file("missing.json"))\n", .unreadableFile, "features.file"),
            ("features:\n  file: \(invalidPath)\n  hop: 64\n", .badValue, "features.hop"),
        ]
        for (yaml, code, key) in cases {
            do {
                _ = try readEdgeSettings(yaml: "device:\n  id: d1\n" + yaml)
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.code == code, "\(yaml): \(error)")
                #expect(error.key == key, "\(yaml): \(error)")
                #expect(error.description.contains(key), "\(error)")
            }
        }
    }
}
