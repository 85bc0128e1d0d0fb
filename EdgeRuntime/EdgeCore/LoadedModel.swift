import EdgeModel
import SignalFeatures

/// A model ready to run on the device: its validated int8 artifact and a prepared interpreter.
///
/// Not `Sendable` (the interpreter owns its scratch arena): one task owns it, the inference stage.
final class LoadedModel {
    /// The manifest's name and version.
    let name: String
    let version: UInt32
    /// The pipeline the model was trained on, if the artifact carries one.
    let pipeline: FeaturePipelineConfig?
    let interpreter: Interpreter

    /// Validates `artifact` and prepares it.
    /// - Throws: `ModelLoadError` `.invalidArtifact` (with the artifact's own error, which also covers a model whose
    ///   input is not its pipeline's feature vector), `.unsupported` for a float artifact (the edge runs int8 models).
    init(artifact bytes: [UInt8]) throws(ModelLoadError) {
        let artifact: ModelArtifact
        do {
            artifact = try ModelArtifact(bytes: bytes)
        } catch {
            throw ModelLoadError(.invalidArtifact, "\(error)")
        }
        let manifest = artifact.manifest
        guard manifest.precision == .int8 else {
            throw ModelLoadError(.unsupported, "\(manifest.name)@\(manifest.version) is \(manifest.precision.rawValue)")
        }
        do {
            interpreter = try Interpreter(artifact: artifact)
        } catch {
            throw ModelLoadError(.invalidArtifact, "\(error)")
        }
        name = manifest.name
        version = UInt32(clamping: manifest.version)
        pipeline = manifest.featurePipeline
    }

    /// Runs one input and times it.
    func predict(_ features: [Float]) throws(InferenceError) -> (prediction: Prediction, latency: Duration) {
        let started = ContinuousClock.now
        let prediction = try interpreter.predict(features)
        return (prediction, ContinuousClock.now - started)
    }

    /// The health check after an update: inference on a self-test vector (all zeros: the training mean once
    /// standardised) gives a finite score for a known label within `latencyBound` (the best of a few runs, so a
    /// single scheduling hiccup does not fail it).
    /// - Returns: the best latency.
    /// - Throws: `ModelLoadError` `.selfTestFailed` or `.tooSlow`.
    func selfTest(latencyBound: Duration) throws(ModelLoadError) -> Duration {
        let input = [Float](repeating: 0, count: interpreter.inputCount)
        var best = Duration.seconds(1_000)
        for _ in 0..<5 {
            let result: (prediction: Prediction, latency: Duration)
            do {
                result = try predict(input)
            } catch {
                throw ModelLoadError(.selfTestFailed, "\(error)")
            }
            guard result.prediction.score.isFinite, result.prediction.index < interpreter.manifest.labels.count else {
                throw ModelLoadError(.selfTestFailed, "self-test prediction \(result.prediction) is not usable")
            }
            best = min(best, result.latency)
        }
        guard best <= latencyBound else {
            throw ModelLoadError(.tooSlow, "self-test took \(best), bound \(latencyBound)")
        }
        return best
    }
}

/// Why a model cannot run on this device.
public struct ModelLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The artifact does not validate.
        case invalidArtifact
        /// A float artifact: the edge runs int8 models.
        case unsupported
        /// A model without a pipeline of its own whose input is not the configured pipeline's feature vector.
        case pipelineMismatch
        /// The self-test inference failed.
        case selfTestFailed
        /// The self-test inference was slower than the bound.
        case tooSlow
    }

    /// What went wrong.
    public let code: Code
    /// The details.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}

/// The check an update must pass before it is committed: the artifact loads as an int8 model whose input matches
/// its pipeline, and a self-test inference runs within `latencyBound`.
public enum ModelHealthCheck {
    /// Runs the check on artifact bytes.
    /// - Returns: the self-test latency.
    /// - Throws: `ModelLoadError` saying what failed.
    public static func run(artifact: [UInt8], latencyBound: Duration) throws(ModelLoadError) -> Duration {
        try LoadedModel(artifact: artifact).selfTest(latencyBound: latencyBound)
    }
}
