import EdgeModel
import ModelTraining
import SignalFeatures
import TestSupport

/// Small int8 artifacts for the edge's tests: a seeded, untrained MLP over a pipeline's feature vector, calibrated
/// on seeded inputs. Its predictions mean nothing; they are real int8 inference all the same.
enum TestModel {
    static let labels = ["normal", "imbalance", "misalignment", "bearing_outer", "bearing_inner"]

    /// The encoded artifact of `name`@`version` for `pipeline` (nil: a raw input of `inputs` values).
    static func artifact(
        name: String = "bearing",
        version: Int = 1,
        pipeline: FeaturePipelineConfig?,
        inputs: Int? = nil,
        precision: Precision = .int8,
        driftReference: DriftReference? = nil
    ) throws -> [UInt8] {
        let count = inputs ?? pipeline?.featureCount ?? 8
        var random = SplitMix64(seed: 42)
        func dense(_ units: Int, _ inputs: Int, _ activation: FusedActivation) -> FloatLayer {
            .dense(
                DenseWeights(
                    units: units,
                    weights: (0..<(units * inputs)).map { _ in 0.2 * NetworkInitializer.gaussian(using: &random) },
                    bias: (0..<units).map { _ in 0.05 * NetworkInitializer.gaussian(using: &random) },
                    activation: activation
                )
            )
        }
        let network = FloatNetwork(
            inputShape: [count],
            layers: [dense(16, count, .relu), dense(labels.count, 16, .none), .softmax]
        )
        let metadata = ModelMetadata(
            name: name,
            version: version,
            labels: labels,
            featurePipeline: pipeline,
            driftReference: driftReference
        )
        if precision == .float32 { return try network.artifact(metadata).encoded() }
        let calibration = (0..<32).map { _ in (0..<count).map { _ in NetworkInitializer.gaussian(using: &random) } }
        return try PostTrainingQuantizer().quantize(network, calibration: calibration, metadata: metadata).encoded()
    }

    /// A seeded, untrained int8 1-D CNN reading the windows of a raw-samples `pipeline` as `[axes, samples]`.
    static func convolutionalArtifact(pipeline: FeaturePipelineConfig) throws -> [UInt8] {
        var random = SplitMix64(seed: 7)
        let shape = [pipeline.axes.count, pipeline.windowLength]
        let network = NetworkInitializer.convolutional(
            inputShape: shape,
            filters: [4],
            kernel: 5,
            dense: [8],
            classes: labels.count,
            using: &random
        )
        let metadata = ModelMetadata(name: "bearing", version: 1, labels: labels, featurePipeline: pipeline)
        let calibration = (0..<16).map { _ in
            (0..<pipeline.featureCount).map { _ in NetworkInitializer.gaussian(using: &random) }
        }
        return try PostTrainingQuantizer().quantize(network, calibration: calibration, metadata: metadata).encoded()
    }
}
