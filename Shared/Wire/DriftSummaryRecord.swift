import DriftStatistics

/// One reporting interval of a device's drift monitoring (telemetry kind 6): for every model input feature a
/// ``DistributionSummary`` on the model's reference bin edges, and how often each class was predicted. No raw
/// feature values are in it.
public struct DriftSummaryRecord: Sendable, Equatable {
    /// Most features in one record.
    public static let maxFeatures = 1_024
    /// Most classes in one record.
    public static let maxClasses = 1_024
    /// Most encoded bytes of one feature's summary.
    public static let maxSummaryBytes = 131_072

    /// The model whose inputs were summarised.
    public var model: ModelReference
    /// Start of the interval, unix milliseconds.
    public var intervalStartMs: Int64
    /// End of the interval (exclusive), unix milliseconds, ≥ the start.
    public var intervalEndMs: Int64
    /// One summary per model input feature, in feature-vector order (1...``maxFeatures``).
    public var features: [DistributionSummary]
    /// Predictions per class, in the model's label order (0...``maxClasses`` entries).
    public var classCounts: [UInt64]

    /// A record; it is validated when it becomes part of a telemetry record.
    public init(
        model: ModelReference,
        intervalStartMs: Int64,
        intervalEndMs: Int64,
        features: [DistributionSummary],
        classCounts: [UInt64]
    ) {
        self.model = model
        self.intervalStartMs = intervalStartMs
        self.intervalEndMs = intervalEndMs
        self.features = features
        self.classCounts = classCounts
    }

    func validate() throws(WireError) {
        try FieldRules.identifier(model.name, "TelemetryRecord.driftSummary.model")
        try FieldRules.timestamp(intervalStartMs, "TelemetryRecord.driftSummary.intervalStartMs")
        guard intervalEndMs >= intervalStartMs else {
            throw WireError(.invalidField, "TelemetryRecord.driftSummary: interval ends before it starts")
        }
        guard (1...Self.maxFeatures).contains(features.count) else {
            throw WireError(.invalidField, "TelemetryRecord.driftSummary: \(features.count) features")
        }
        guard classCounts.count <= Self.maxClasses else {
            throw WireError(.invalidField, "TelemetryRecord.driftSummary: \(classCounts.count) classes")
        }
    }

    /// Bytes of the body after the kind byte.
    var encodedBytes: Int {
        2 + model.name.utf8.count + 4 + 8 + 8 + 2 + features.reduce(0) { $0 + 4 + $1.encode().count } + 2
            + 8 * classCounts.count
    }

    func write(to writer: inout WireWriter) {
        writer.writeString(model.name, lengthAs: UInt16.self)
        writer.write(model.version)
        writer.write(intervalStartMs)
        writer.write(intervalEndMs)
        writer.write(UInt16(features.count))
        for feature in features {
            let bytes = feature.encode()
            writer.write(UInt32(bytes.count))
            writer.write(bytes: bytes)
        }
        writer.write(UInt16(classCounts.count))
        for count in classCounts { writer.write(count) }
    }

    static func read(from reader: inout WireReader) throws(WireError) -> DriftSummaryRecord {
        let name = try reader.readString(lengthAs: UInt16.self, maxBytes: FieldRules.maxIdentifierBytes, "model")
        let model = try ModelReference(name: name, version: try reader.read(UInt32.self, "modelVersion"))
        let start = try reader.read(Int64.self, "intervalStartMs")
        let end = try reader.read(Int64.self, "intervalEndMs")
        let featureCount = Int(try reader.read(UInt16.self, "featureCount"))
        guard featureCount <= maxFeatures else {
            throw WireError(.invalidField, "\(reader.message).featureCount: \(featureCount) > \(maxFeatures)")
        }
        var features: [DistributionSummary] = []
        for index in 0..<featureCount {
            let length = Int(try reader.read(UInt32.self, "features[\(index)].length"))
            guard length <= maxSummaryBytes else {
                throw WireError(.oversized, "\(reader.message).features[\(index)]: \(length) bytes")
            }
            let bytes = try reader.readBytes(length, "features[\(index)]")
            do {
                features.append(try DistributionSummary.decode(Array(bytes)))
            } catch {
                throw WireError(.invalidField, "\(reader.message).features[\(index)]: \(error)")
            }
        }
        let classCount = Int(try reader.read(UInt16.self, "classCount"))
        guard classCount <= maxClasses else {
            throw WireError(.invalidField, "\(reader.message).classCount: \(classCount) > \(maxClasses)")
        }
        try reader.require(8 * classCount, "classCounts")
        var classCounts: [UInt64] = []
        for _ in 0..<classCount { classCounts.append(try reader.read(UInt64.self, "classCounts")) }
        return DriftSummaryRecord(
            model: model,
            intervalStartMs: start,
            intervalEndMs: end,
            features: features,
            classCounts: classCounts
        )
    }
}
