/// One entry of a ``TelemetryBatch``: a per-device sequence number, a time and a payload.
public struct TelemetryRecord: Sendable, Equatable {
    /// Per-device sequence number, strictly increasing across restarts; the hub deduplicates on it.
    public let seq: UInt64
    /// When it was recorded, unix milliseconds.
    public let ts: Int64
    /// What was recorded.
    public let payload: TelemetryPayload

    /// Validates the timestamp and the payload's values.
    ///
    /// - Throws: `.invalidField` for a negative timestamp or a payload value that breaks its rules.
    public init(seq: UInt64, ts: Int64, payload: TelemetryPayload) throws(WireError) {
        try FieldRules.timestamp(ts, "TelemetryRecord.ts")
        try payload.validate()
        self.seq = seq
        self.ts = ts
        self.payload = payload
    }
}

/// The kinds of telemetry a device records.
public enum TelemetryPayload: Sendable, Equatable {
    /// A model output.
    case prediction(Prediction)
    /// The device's health counters.
    case health(Health)
    /// A summary vector of the features the model saw (1...65_535 finite values), for drift monitoring.
    case featureSummary([Float])
    /// A named measurement: name 1...64 of `[A-Za-z0-9._-]`, a finite value.
    case metric(name: String, value: Double)
    /// A feature vector with its ground-truth label (1...64 of `[A-Za-z0-9._-]`), as training data; 1...65_535 finite
    /// values, sent only when the device is configured to (`telemetry.features: labelled`).
    case labelledFeatures(label: String, values: [Float])
    /// One reporting interval of drift monitoring: per-feature summaries and predicted-class counts.
    case driftSummary(DriftSummaryRecord)

    /// One model output.
    public struct Prediction: Sendable, Equatable {
        /// Registry name of the model, 1...64 of `[A-Za-z0-9._-]`.
        public var modelName: String
        /// Version of the model.
        public var modelVersion: UInt32
        /// Predicted label, 1...1024 bytes of UTF-8.
        public var label: String
        /// Score of the label (probability or logit), finite.
        public var score: Float
        /// Inference time, microseconds.
        public var latencyMicros: UInt32
        /// The true label of the window when the device knew it (1...64 of `[A-Za-z0-9._-]`), so that the hub can
        /// measure accuracy; nil otherwise.
        public var truth: String?

        /// A prediction; it is validated when it becomes part of a record.
        public init(
            modelName: String,
            modelVersion: UInt32,
            label: String,
            score: Float,
            latencyMicros: UInt32,
            truth: String? = nil
        ) {
            self.modelName = modelName
            self.modelVersion = modelVersion
            self.label = label
            self.score = score
            self.latencyMicros = latencyMicros
            self.truth = truth
        }
    }

    /// The device's health counters.
    public struct Health: Sendable, Equatable {
        /// CPU used by the runtime, in cores (1.0 is one core busy), finite and not negative.
        public var cpuFraction: Float
        /// Resident memory, bytes.
        public var memoryBytes: UInt64
        /// Median inference latency, microseconds.
        public var inferenceLatencyP50Micros: UInt32
        /// 99th-percentile inference latency, microseconds.
        public var inferenceLatencyP99Micros: UInt32
        /// Errors since the runtime started.
        public var errorCount: UInt32
        /// Messages waiting in the outbox.
        public var outboxDepth: UInt64

        /// Health counters; they are validated when they become part of a record.
        public init(
            cpuFraction: Float,
            memoryBytes: UInt64,
            inferenceLatencyP50Micros: UInt32,
            inferenceLatencyP99Micros: UInt32,
            errorCount: UInt32,
            outboxDepth: UInt64
        ) {
            self.cpuFraction = cpuFraction
            self.memoryBytes = memoryBytes
            self.inferenceLatencyP50Micros = inferenceLatencyP50Micros
            self.inferenceLatencyP99Micros = inferenceLatencyP99Micros
            self.errorCount = errorCount
            self.outboxDepth = outboxDepth
        }
    }

    /// Most values in a feature summary (its count is a u16).
    public static let maxFeatureValues = Int(UInt16.max)

    func validate() throws(WireError) {
        switch self {
        case .prediction(let prediction):
            try FieldRules.identifier(prediction.modelName, "TelemetryRecord.prediction.modelName")
            try FieldRules.text(prediction.label, "TelemetryRecord.prediction.label")
            try FieldRules.finite(prediction.score, "TelemetryRecord.prediction.score")
            if let truth = prediction.truth { try FieldRules.identifier(truth, "TelemetryRecord.prediction.truth") }
        case .health(let health):
            try FieldRules.finite(health.cpuFraction, "TelemetryRecord.health.cpuFraction")
            guard health.cpuFraction >= 0 else {
                throw WireError(.invalidField, "TelemetryRecord.health.cpuFraction: \(health.cpuFraction) < 0")
            }
        case .featureSummary(let values):
            try Self.validateFeatures(values, "TelemetryRecord.featureSummary")
        case .labelledFeatures(let label, let values):
            try FieldRules.identifier(label, "TelemetryRecord.labelledFeatures.label")
            try Self.validateFeatures(values, "TelemetryRecord.labelledFeatures")
        case .metric(let name, let value):
            try FieldRules.identifier(name, "TelemetryRecord.metric.name")
            try FieldRules.finite(value, "TelemetryRecord.metric.value")
        case .driftSummary(let record):
            try record.validate()
        }
    }

    private static func validateFeatures(_ values: [Float], _ field: String) throws(WireError) {
        guard (1...maxFeatureValues).contains(values.count) else {
            throw WireError(.invalidField, "\(field): \(values.count) values, not 1...\(maxFeatureValues)")
        }
        guard values.allSatisfy({ $0.isFinite }) else {
            throw WireError(.invalidField, "\(field): a value is NaN or infinite")
        }
    }
}
