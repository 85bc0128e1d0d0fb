extension TelemetryPayload {
    /// Longest string field, bytes.
    static let maxStringBytes = 1024

    private enum Kind: UInt8 {
        case prediction = 1
        case health = 2
        case featureSummary = 3
        case metric = 4
        case labelledFeatures = 5
        case driftSummary = 6
        /// A prediction followed by its true label.
        case predictionWithTruth = 7
    }

    /// The payload alone, as it sits inside a ``TelemetryBatch`` record (`u8 kind | kind body`, uncompressed): the
    /// form a device keeps in its outbox until the record is sent.
    public func encode() -> [UInt8] {
        var writer = WireWriter(capacity: encodedBytes)
        write(to: &writer)
        return writer.bytes
    }

    /// Reads and validates what ``encode()`` wrote.
    /// - Throws: `.truncated` when bytes are missing, `.malformed` when bytes are left over, `.invalidField` for an
    ///   unknown kind or a value that breaks its rules.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> TelemetryPayload {
        var reader = WireReader(bytes, message: "TelemetryPayload")
        let payload = try read(from: &reader)
        try reader.requireEnd()
        try payload.validate()
        return payload
    }

    /// Length of ``encode()``'s output, computed without encoding.
    var encodedBytes: Int {
        switch self {
        case .prediction(let prediction):
            return 1 + 2 + prediction.modelName.utf8.count + 4 + 2 + prediction.label.utf8.count + 4 + 4
                + (prediction.truth.map { 2 + $0.utf8.count } ?? 0)
        case .health: return 1 + 4 + 8 + 4 + 4 + 4 + 8
        case .featureSummary(let values): return 1 + 2 + 4 * values.count
        case .metric(let name, _): return 1 + 2 + name.utf8.count + 8
        case .labelledFeatures(let label, let values): return 1 + 2 + label.utf8.count + 2 + 4 * values.count
        case .driftSummary(let record): return 1 + record.encodedBytes
        }
    }

    func write(to writer: inout WireWriter) {
        switch self {
        case .prediction(let prediction):
            writer.write(prediction.truth == nil ? Kind.prediction.rawValue : Kind.predictionWithTruth.rawValue)
            writer.writeString(prediction.modelName, lengthAs: UInt16.self)
            writer.write(prediction.modelVersion)
            writer.writeString(prediction.label, lengthAs: UInt16.self)
            writer.write(prediction.score)
            writer.write(prediction.latencyMicros)
            if let truth = prediction.truth { writer.writeString(truth, lengthAs: UInt16.self) }
        case .health(let health):
            writer.write(Kind.health.rawValue)
            writer.write(health.cpuFraction)
            writer.write(health.memoryBytes)
            writer.write(health.inferenceLatencyP50Micros)
            writer.write(health.inferenceLatencyP99Micros)
            writer.write(health.errorCount)
            writer.write(health.outboxDepth)
        case .featureSummary(let values):
            writer.write(Kind.featureSummary.rawValue)
            writer.write(UInt16(values.count))
            writer.write(floats: values)
        case .metric(let name, let value):
            writer.write(Kind.metric.rawValue)
            writer.writeString(name, lengthAs: UInt16.self)
            writer.write(value)
        case .labelledFeatures(let label, let values):
            writer.write(Kind.labelledFeatures.rawValue)
            writer.writeString(label, lengthAs: UInt16.self)
            writer.write(UInt16(values.count))
            writer.write(floats: values)
        case .driftSummary(let record):
            writer.write(Kind.driftSummary.rawValue)
            record.write(to: &writer)
        }
    }

    /// Reads one payload; values are validated by whoever builds the record around it.
    static func read(from reader: inout WireReader) throws(WireError) -> TelemetryPayload {
        let rawKind = try reader.read(UInt8.self, "kind")
        switch Kind(rawValue: rawKind) {
        case .prediction, .predictionWithTruth:
            return .prediction(
                Prediction(
                    modelName: try reader.readString(lengthAs: UInt16.self, maxBytes: maxStringBytes, "modelName"),
                    modelVersion: try reader.read(UInt32.self, "modelVersion"),
                    label: try reader.readString(lengthAs: UInt16.self, maxBytes: maxStringBytes, "label"),
                    score: try reader.read(Float.self, "score"),
                    latencyMicros: try reader.read(UInt32.self, "latencyMicros"),
                    truth: rawKind == Kind.predictionWithTruth.rawValue
                        ? try reader.readString(lengthAs: UInt16.self, maxBytes: maxStringBytes, "truth") : nil
                )
            )
        case .health:
            return .health(
                Health(
                    cpuFraction: try reader.read(Float.self, "cpuFraction"),
                    memoryBytes: try reader.read(UInt64.self, "memoryBytes"),
                    inferenceLatencyP50Micros: try reader.read(UInt32.self, "inferenceLatencyP50Micros"),
                    inferenceLatencyP99Micros: try reader.read(UInt32.self, "inferenceLatencyP99Micros"),
                    errorCount: try reader.read(UInt32.self, "errorCount"),
                    outboxDepth: try reader.read(UInt64.self, "outboxDepth")
                )
            )
        case .featureSummary:
            let count = Int(try reader.read(UInt16.self, "featureSummary count"))
            return .featureSummary(try reader.readFloats(count, "featureSummary"))
        case .metric:
            return .metric(
                name: try reader.readString(lengthAs: UInt16.self, maxBytes: maxStringBytes, "metric name"),
                value: try reader.read(Double.self, "metric value")
            )
        case .labelledFeatures:
            let label = try reader.readString(lengthAs: UInt16.self, maxBytes: maxStringBytes, "labelledFeatures label")
            let count = Int(try reader.read(UInt16.self, "labelledFeatures count"))
            return .labelledFeatures(label: label, values: try reader.readFloats(count, "labelledFeatures"))
        case .driftSummary:
            return .driftSummary(try DriftSummaryRecord.read(from: &reader))
        case nil:
            throw WireError(.invalidField, "TelemetryRecord.kind: unknown kind \(rawKind)")
        }
    }
}
