import Logging
import Synchronization
import WireProtocol

/// Runs the active model on the sensor pipeline's feature vectors and records each prediction (label, score,
/// latency) in the telemetry outbox.
///
/// The model comes from the active A/B slot; when it carries a feature pipeline, the sensor pipeline switches to it and
/// vectors of the previous pipeline are skipped. ``reload()`` makes the stage load the active slot again (after an
/// update switched slots). Without a model, vectors are consumed and counted, and nothing is predicted. Each vector
/// with a known true label is kept as a local sample (``EdgeStateStore/recordSample(_:pipeline:capacity:)``) and its
/// prediction carries the truth; `featureTelemetry` sends vectors too (for collecting training data at the hub).
public final class InferenceStage: Sendable {
    let store: EdgeStateStore
    let sensors: SensorPipeline
    let outbox: TelemetryOutbox
    let health: RuntimeHealth
    let logger: Logger
    let featureTelemetry: FeatureTelemetry
    let sampleCapacity: Int
    let driftInterval: Duration
    private let reloads = Atomic<Int>(0)
    private let running = Mutex<ModelReference?>(nil)
    /// Predictions recorded since start.
    public let predictions = Atomic<Int>(0)
    /// Vectors that reached no model (none installed, or computed by a previous pipeline).
    public let skipped = Atomic<Int>(0)

    /// A stage reading `sensors.vectors` and writing to `outbox`.
    public init(
        store: EdgeStateStore,
        sensors: SensorPipeline,
        outbox: TelemetryOutbox,
        health: RuntimeHealth,
        featureTelemetry: FeatureTelemetry,
        sampleCapacity: Int,
        driftInterval: Duration = .seconds(60),
        logger: Logger
    ) {
        self.featureTelemetry = featureTelemetry
        self.sampleCapacity = sampleCapacity
        self.driftInterval = driftInterval
        self.store = store
        self.sensors = sensors
        self.outbox = outbox
        self.health = health
        self.logger = logger
    }

    /// The model in use, nil when none is loaded.
    public var activeModel: ModelReference? { running.withLock { $0 } }

    /// Asks the stage to load the active slot again before the next vector.
    public func reload() {
        reloads.add(1, ordering: .relaxed)
    }

    /// Consumes vectors until the pipeline finishes or the task is cancelled.
    public func run() async {
        var seenReloads = reloads.load(ordering: .relaxed)
        var current = loadActive()
        var drift = DriftSummarizer(interval: driftInterval)
        var fingerprint: (generation: Int, value: PipelineFingerprint)?
        for await vector in sensors.vectors {
            let requested = reloads.load(ordering: .relaxed)
            if requested != seenReloads {
                seenReloads = requested
                current = loadActive()
            }
            var records = telemetry(of: vector)
            keepSample(vector, fingerprint: &fingerprint)
            if let (model, generation) = current, vector.pipelineGeneration >= generation {
                let prediction = predict(vector, with: model)
                if let prediction { records.append(prediction) }
                if let summary = drift.add(vector, prediction, model) { records.append(.driftSummary(summary)) }
            } else {
                skipped.add(1, ordering: .relaxed)
            }
            guard !records.isEmpty else { continue }
            do {
                try outbox.record(records)
            } catch {
                health.recordError()
                logger.error("could not record telemetry", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The feature records `featureTelemetry` asks for.
    private func telemetry(of vector: FeatureVector) -> [TelemetryPayload] {
        switch featureTelemetry {
        case .none: []
        case .raw: [.featureSummary(vector.values)]
        case .labelled: vector.label.map { [.labelledFeatures(label: $0, values: vector.values)] } ?? []
        }
    }

    /// Keeps a labelled vector of the current pipeline as a local sample; a failure is logged and counted.
    /// `fingerprint` caches the pipeline's fingerprint per generation, so the config is encoded once per pipeline,
    /// not once per vector.
    private func keepSample(_ vector: FeatureVector, fingerprint: inout (generation: Int, value: PipelineFingerprint)?)
    {
        guard sampleCapacity > 0, let label = vector.label, vector.pipelineGeneration == sensors.generation else {
            return
        }
        let pipeline: PipelineFingerprint
        if let fingerprint, fingerprint.generation == vector.pipelineGeneration {
            pipeline = fingerprint.value
        } else {
            pipeline = PipelineFingerprint(sensors.config)
            fingerprint = (vector.pipelineGeneration, pipeline)
        }
        do {
            try store.recordSample(
                LabelledSample(label: label, windowStartMs: vector.windowStartMs, values: vector.values),
                pipeline: pipeline,
                capacity: sampleCapacity
            )
        } catch {
            health.recordError()
            logger.error("could not keep a labelled sample", metadata: ["error": "\(error)"])
        }
    }

    /// The prediction record of `vector`, nil when inference failed (counted, logged).
    private func predict(_ vector: FeatureVector, with model: LoadedModel) -> TelemetryPayload? {
        do {
            let (prediction, latency) = try model.predict(vector.values)
            let micros = UInt32(
                clamping: latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000
            )
            health.recordInference(micros: micros)
            predictions.add(1, ordering: .relaxed)
            return .prediction(
                TelemetryPayload.Prediction(
                    modelName: model.name,
                    modelVersion: model.version,
                    label: prediction.label,
                    score: prediction.score,
                    latencyMicros: micros,
                    truth: vector.label
                )
            )
        } catch {
            health.recordError()
            logger.error(
                "inference failed",
                metadata: ["model": "\(model.name)@\(model.version)", "error": "\(error)"]
            )
            return nil
        }
    }

    /// Loads the active slot's model and switches the sensor pipeline to its features; nil when there is no model
    /// or it cannot run (logged, counted as an error).
    private func loadActive() -> (model: LoadedModel, generation: Int)? {
        do {
            guard let installed = try store.modelSlots().active else {
                logger.notice("no model installed: features are computed, nothing is predicted")
                running.withLock { $0 = nil }
                return nil
            }
            let model = try LoadedModel(artifact: try store.loadArtifact(installed))
            var generation = sensors.generation
            if let pipeline = model.pipeline, pipeline != sensors.config {
                // A different pipeline restarts the streams; the same one keeps the windows already filling.
                generation = try sensors.replace(config: pipeline)
            } else if model.pipeline == nil, sensors.config.featureCount != model.interpreter.inputCount {
                throw ModelLoadError(
                    .pipelineMismatch,
                    "the configured pipeline gives \(sensors.config.featureCount) features, "
                        + "the model takes \(model.interpreter.inputCount)"
                )
            }
            running.withLock { $0 = try? ModelReference(name: model.name, version: model.version) }
            logger.info(
                "model loaded",
                metadata: ["model": "\(model.name)@\(model.version)", "slot": "\(installed.slot.rawValue)"]
            )
            return (model, generation)
        } catch {
            health.recordError()
            running.withLock { $0 = nil }
            logger.error("active model cannot run; predicting nothing", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
