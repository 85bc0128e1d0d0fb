import EdgeModel
import FederatedAggregation
import FederatedTraining
import WireProtocol

/// One round's local work on fetched weights, without I/O: decode the float32 artifact, select the local samples of
/// its pipeline and labels, train as the round says, and pack the delta.
struct LocalRound {
    let round: FederatedRound
    let device: DeviceID
    let maxSamples: Int

    /// The packed update and the number of examples behind it.
    /// - Throws: `ArtifactError` for weights that are not a float32 model with a feature pipeline,
    ///   `FederatedTrainingError` for no usable samples or failed training, the source's error.
    func run(weights: [UInt8], samples source: any FederatedSampleSource) throws -> (update: [UInt8], examples: Int) {
        let artifact = try ModelArtifact(bytes: weights)
        let global = try FloatNetwork(artifact: artifact)
        guard let pipeline = artifact.manifest.featurePipeline else {
            throw FederatedTrainingError(.noSamples, "the model reads no feature pipeline")
        }
        let labels = artifact.manifest.labels
        let width = artifact.manifest.input.shape.reduce(1, *)
        var inputs: [[Float]] = []
        var targets: [Int] = []
        for sample in try source.federatedSamples(for: pipeline, limit: maxSamples) {
            guard let label = labels.firstIndex(of: sample.label), sample.values.count == width,
                sample.values.allSatisfy(\.isFinite)
            else { continue }
            inputs.append(sample.values)
            targets.append(label)
        }
        guard !inputs.isEmpty else {
            throw FederatedTrainingError(.noSamples, "no local samples of the model's pipeline and labels")
        }
        let training = LocalTraining(
            epochs: round.epochs,
            batchSize: round.batchSize,
            learningRate: Float(round.learningRate),
            proximalMu: Float(round.proximalMu),
            seed: round.round ^ Self.fnv1a(device.rawValue)
        )
        let trained = try training.train(global, inputs: inputs, labels: targets)
        let encoding = UpdateEncoding(
            quantization: round.quantization == .int8 ? .int8 : .float32,
            topKFraction: round.topK
        )
        let update = try UpdatePacking.pack(
            trained: try trained.parameters(),
            global: try global.parameters(),
            encoding: encoding
        )
        return (update, inputs.count)
    }

    /// FNV-1a of `text`: a seed per device that is the same on every run (`hashValue` is not).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
