import SensorDataset
import SignalFeatures

/// Feature vectors of labelled raw windows, computed by the same ``FeatureExtractor`` the devices run.
public enum WindowFeatures {
    /// The pipeline for `windows`: the edge's default vibration pipeline (``FeaturePipelineConfig/vibrationDefault``)
    /// set to the windows' sensor, sample rate and length (one feature vector per window; hop = half a window),
    /// bands capped at the Nyquist frequency; with `rawSamples`, the same windows with the samples as the vector.
    /// - Throws: `TrainingRunError.badDataset` when there are no windows or the pipeline does not fit them.
    public static func pipeline(
        for windows: [LabelledWindow],
        rawSamples: Bool = false
    ) throws(TrainingRunError) -> FeaturePipelineConfig {
        guard let first = windows.first else { throw TrainingRunError(.badDataset, "no windows") }
        var pipeline = FeaturePipelineConfig.vibrationDefault
        pipeline.sensor = first.sensor
        pipeline.sampleRateHz = first.frame.hz
        pipeline.windowLength = first.frame.sampleCount
        pipeline.hop = max(first.frame.sampleCount / 2, 1)
        if rawSamples {
            pipeline.timeFeatures = []
            pipeline.spectral = nil
            pipeline.rawSamples = true
        }
        if var spectral = pipeline.spectral {
            spectral.bands.highHz = min(spectral.bands.highHz, first.frame.hz / 2)
            spectral.bands.lowHz = min(spectral.bands.lowHz, spectral.bands.highHz / 2)
            pipeline.spectral = spectral
        }
        do {
            _ = try FeatureExtractor(config: pipeline)
        } catch {
            throw TrainingRunError(
                .badDataset,
                "windows of \(first.frame.sampleCount) samples at \(first.frame.hz) Hz: \(error)"
            )
        }
        return pipeline
    }

    /// One feature vector per window, in order.
    /// - Throws: `TrainingRunError.badDataset` naming the window that has another sensor, rate, length or axes than
    ///   the pipeline, or a non-finite sample.
    public static func vectors(
        of windows: [LabelledWindow],
        pipeline: FeaturePipelineConfig
    ) throws(TrainingRunError) -> [[Float]] {
        let extractor: FeatureExtractor
        do {
            extractor = try FeatureExtractor(config: pipeline)
        } catch {
            throw TrainingRunError(.badDataset, "feature pipeline: \(error)")
        }
        var samples = [Float](repeating: 0, count: pipeline.axes.count * pipeline.windowLength)
        var vectors: [[Float]] = []
        vectors.reserveCapacity(windows.count)
        for (index, window) in windows.enumerated() {
            guard window.sensor == pipeline.sensor, window.frame.hz == pipeline.sampleRateHz,
                window.frame.sampleCount == pipeline.windowLength
            else {
                throw TrainingRunError(
                    .badDataset,
                    "window \(index) (\(window.device)): \(window.sensor) \(window.frame.sampleCount) samples at "
                        + "\(window.frame.hz) Hz, the pipeline reads \(pipeline.sensor) \(pipeline.windowLength) at "
                        + "\(pipeline.sampleRateHz) Hz"
                )
            }
            for (axisIndex, axis) in pipeline.axes.enumerated() {
                guard let axisSamples = window.frame.samples(of: axis) else {
                    throw TrainingRunError(.badDataset, "window \(index) (\(window.device)): no axis \(axis)")
                }
                samples.replaceSubrange(
                    (axisIndex * pipeline.windowLength)..<((axisIndex + 1) * pipeline.windowLength),
                    with: axisSamples
                )
            }
            var vector = [Float](repeating: 0, count: extractor.featureCount)
            do {
                try samples.withUnsafeBufferPointer { input throws(FeatureError) in
                    try vector.withUnsafeMutableBufferPointer { output throws(FeatureError) in
                        try extractor.extract(window: input, into: output)
                    }
                }
            } catch {
                throw TrainingRunError(.badDataset, "window \(index) (\(window.device)): \(error)")
            }
            vectors.append(vector)
        }
        return vectors
    }

    /// The standardisation of `pipeline`'s vectors fitted on `vectors`: per feature, or for a raw-samples pipeline
    /// per axis (every sample of an axis shares its mean and std, so position in the window carries no offset).
    public static func standardization(fitting vectors: [[Float]], pipeline: FeaturePipelineConfig) -> Standardization {
        guard pipeline.isRawSamples else { return standardization(fitting: vectors) }
        let length = pipeline.windowLength
        let perAxis = standardization(
            fitting: vectors.flatMap { vector in
                (0..<length).map { index in
                    pipeline.axes.indices.map { axis in vector[axis * length + index] }
                }
            }
        )
        return Standardization(
            means: perAxis.means.flatMap { Array(repeating: $0, count: length) },
            stds: perAxis.stds.flatMap { Array(repeating: $0, count: length) }
        )
    }

    /// Means and standard deviations of every column of `vectors` (a constant column gets std 1, so it maps to 0).
    public static func standardization(fitting vectors: [[Float]]) -> Standardization {
        let columns = vectors.first?.count ?? 0
        let count = Double(max(vectors.count, 1))
        var means = [Double](repeating: 0, count: columns)
        for vector in vectors { for column in 0..<columns { means[column] += Double(vector[column]) } }
        means = means.map { $0 / count }
        var variances = [Double](repeating: 0, count: columns)
        for vector in vectors {
            for column in 0..<columns {
                let delta = Double(vector[column]) - means[column]
                variances[column] += delta * delta
            }
        }
        let stds = variances.map { ($0 / count).squareRoot() }.map { $0 > 1e-12 ? $0 : 1 }
        return Standardization(means: means, stds: stds)
    }
}
