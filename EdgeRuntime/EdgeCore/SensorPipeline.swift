import Logging
import SignalFeatures
import Synchronization
import WireProtocol

/// The edge's sensor pipeline at run time: the daemon hands it every message on `sensors/{device}/+`, it runs the
/// ``SensorReassembler`` under a lock and publishes the vectors on ``vectors`` for the inference stage. Drops and
/// gaps are counted and logged at most once per kind per 10 s (``DropLogLimiter``); frames of other sensors are only
/// counted. Messages on `sensors/{device}/label` are ground-truth labels (``GroundTruth``): every vector whose window
/// lies inside one label's span carries it. The pipeline can be replaced while running (``replace(config:)``), for a
/// new model's.
public final class SensorPipeline: Sendable {
    /// The feature vectors, oldest first. Single consumer; when it falls behind by more than the queue length the
    /// oldest vectors are dropped and counted (`vectors_dropped`). Finishes with ``finish()``.
    public let vectors: AsyncStream<FeatureVector>

    private let continuation: AsyncStream<FeatureVector>.Continuation
    private let state: Mutex<State>
    private let logger: Logger

    private struct State {
        var reassembler: SensorReassembler
        var limiter = DropLogLimiter(interval: .seconds(10))
        var truths: [DeviceID: GroundTruth] = [:]
        var labelCounters = SensorPipelineCounters()
    }

    /// A pipeline per `settings`, logging to `logger`.
    /// - Throws: `FeatureError` `.invalidConfig` when the pipeline does not validate.
    public init(settings: SensorSettings, logger: Logger) throws(FeatureError) {
        let reassembler = try SensorReassembler(config: settings.pipeline, gapTolerance: settings.gapTolerance)
        state = Mutex(State(reassembler: reassembler))
        (vectors, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(settings.queueLength))
        self.logger = logger
    }

    /// The pipeline in use.
    public var config: FeaturePipelineConfig { state.withLock { $0.reassembler.config } }

    /// The counters so far.
    public var counters: SensorPipelineCounters {
        state.withLock { state in
            var counters = state.reassembler.counters
            counters.labels = state.labelCounters.labels
            counters.labelsRejected = state.labelCounters.labelsRejected
            counters.vectorsLabelled = state.labelCounters.vectorsLabelled
            return counters
        }
    }

    /// Handles one message of `sensor` from `device`, received at `now`; sensor ``SensorLabel/topicLevel`` carries
    /// ground-truth labels.
    public func handle(payload: [UInt8], device: DeviceID, sensor: String, at now: ContinuousClock.Instant) {
        if sensor == SensorLabel.topicLevel {
            handleLabel(payload: payload, device: device, at: now)
            return
        }
        let (outcome, unlogged, config) = state.withLock { state in
            var dropped: UInt64 = 0
            let truth = state.truths[device]
            let windowMs = Self.windowMilliseconds(state.reassembler.config)
            var labelled: UInt64 = 0
            let outcome = state.reassembler.accept(payload: payload, device: device, sensor: sensor) { vector in
                var vector = vector
                vector.label = truth?.label(startMs: vector.windowStartMs, endMs: vector.windowStartMs + windowMs)
                if vector.label != nil { labelled += 1 }
                if case .dropped = continuation.yield(vector) { dropped += 1 }
            }
            state.labelCounters.vectorsLabelled += labelled
            if dropped > 0 { state.reassembler.countDroppedVectors(dropped) }
            let unlogged: Int? =
                switch outcome {
                case .dropped(.otherSensor), .accepted(_, gap: false): nil
                case .dropped(let reason): state.limiter.admit(reason.rawValue, at: now)
                case .accepted(_, gap: true): state.limiter.admit("gap", at: now)
                }
            return (outcome, unlogged, state.reassembler.config)
        }
        guard let unlogged else { return }
        var metadata: Logger.Metadata = [
            "device": "\(device)", "sensor": "\(sensor)", "unlogged.since.last": "\(unlogged)",
        ]
        if case .dropped(let reason) = outcome {
            metadata["reason"] = "\(reason.rawValue)"
            metadata["pipeline.rate_hz"] = "\(config.sampleRateHz)"
            metadata["pipeline.axes"] = "\(config.axes.joined(separator: ","))"
            logger.warning("sensor frame dropped", metadata: metadata)
        } else {
            logger.info("sensor gap: window restarted at this frame", metadata: metadata)
        }
    }

    /// How long a window of `config` lasts, whole milliseconds rounded up.
    private static func windowMilliseconds(_ config: FeaturePipelineConfig) -> Int64 {
        Int64((Double(config.windowLength) * 1_000 / config.sampleRateHz).rounded(.up))
    }

    /// Takes a ground-truth label; an undecodable or stale one is counted and logged (rate-limited).
    private func handleLabel(payload: [UInt8], device: DeviceID, at now: ContinuousClock.Instant) {
        let (problem, unlogged): (String?, Int?) = state.withLock { state in
            let label: SensorLabel
            do {
                label = try SensorLabel.decode(payload)
            } catch {
                state.labelCounters.labelsRejected += 1
                return ("\(error)", state.limiter.admit("label", at: now))
            }
            if state.truths[device, default: GroundTruth()].receive(label) {
                state.labelCounters.labels += 1
            } else if let current = state.truths[device]?.current, label.ts < current.ts {
                state.labelCounters.labelsRejected += 1
                return (
                    "label at \(label.ts) is older than the one at \(current.ts)", state.limiter.admit("label", at: now)
                )
            }
            return (nil, nil)
        }
        guard let problem, let unlogged else { return }
        logger.warning(
            "ground-truth label refused",
            metadata: ["device": "\(device)", "error": "\(problem)", "unlogged.since.last": "\(unlogged)"]
        )
    }

    /// The generation of the current pipeline, carried by every vector it computes.
    public var generation: Int { state.withLock { $0.reassembler.generation } }

    /// Switches to `config` (a new model's pipeline): streams restart, vectors carry the next generation.
    /// - Returns: that generation: vectors with a lower one were computed by the previous pipeline.
    /// - Throws: `FeatureError` `.invalidConfig`; the current pipeline then stays.
    @discardableResult
    public func replace(config: FeaturePipelineConfig) throws(FeatureError) -> Int {
        let generation = try state.withLock { (state) throws(FeatureError) in
            try state.reassembler.replace(config: config)
            return state.reassembler.generation
        }
        logger.info(
            "feature pipeline replaced",
            metadata: ["sensor": "\(config.sensor)", "features": "\(config.featureCount)"]
        )
        return generation
    }

    /// Ends ``vectors`` once the buffered ones are consumed.
    public func finish() {
        continuation.finish()
    }
}
