/// The hub's announcement of a federated round, retained on `{prefix}/fl/round`: which devices train, from which
/// global weights, how, and until when.
///
/// JSON: `{"v":1,"round":12,"model":"bearing","base_version":3,"weights":"bearing.fl","weights_sha256":"<64 hex>",
/// "weights_size":5120,"devices":["d1","d2"],"deadline_ms":1700000060000,"epochs":2,"batch_size":16,
/// "learning_rate":0.05,"proximal_mu":0,"quantization":"int8","top_k":0.1}` (`top_k` left out keeps every value).
///
/// The global weights are a float32 `.edgemodel` the device fetches with `artifact/get` as artifact `weights`,
/// version `base_version`, and checks against `weights_sha256` and `weights_size` before training on them.
public struct FederatedRound: WireMessage, Codable {
    /// How a device writes the values of its update.
    public enum Quantization: String, Sendable, Hashable, Codable {
        /// Four bytes per value.
        case float32
        /// One byte per value with a scale per tensor.
        case int8
    }

    /// Round id, unique and increasing on the hub (≥ 1).
    public let round: UInt64
    /// Registry name of the model being trained.
    public let model: String
    /// The registered version the round starts from; the update is a delta against it.
    public let baseVersion: UInt32
    /// Artifact name under which the hub serves the float32 weights of `baseVersion`.
    public let weights: String
    /// SHA-256 of the weights artifact: 64 lowercase hex characters.
    public let weightsSHA256: String
    /// Length of the weights artifact in bytes, ≥ 1.
    public let weightsSize: UInt64
    /// The devices selected for the round, sorted, without repeats, 1...``maxDevices``.
    public let devices: [DeviceID]
    /// Updates arriving after this (unix ms) are not used.
    public let deadlineMs: Int64
    /// Local epochs, 1...1000.
    public let epochs: Int
    /// Local mini-batch size, 1...65536.
    public let batchSize: Int
    /// Local SGD learning rate, finite and in (0, 100].
    public let learningRate: Double
    /// FedProx proximal weight μ, finite and in [0, 1000]; 0 trains plain FedAvg clients.
    public let proximalMu: Double
    /// How update values travel.
    public let quantization: Quantization
    /// Fraction of each tensor's values sent (top-k), in (0, 1]; nil sends every value.
    public let topK: Double?

    /// Most devices one round selects.
    public static let maxDevices = 10_000
    /// Largest JSON accepted: the device list at its longest, plus the other fields.
    public static let maxEncodedBytes = maxDevices * 67 + 4_096

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for round 0, a bad model or weights name, a digest that is not 64 lowercase hex
    ///   characters, size 0, no devices, too many or repeated devices, a negative deadline, or a training setting
    ///   outside its range.
    public init(
        round: UInt64,
        model: String,
        baseVersion: UInt32,
        weights: String,
        weightsSHA256: String,
        weightsSize: UInt64,
        devices: [DeviceID],
        deadlineMs: Int64,
        epochs: Int,
        batchSize: Int,
        learningRate: Double,
        proximalMu: Double = 0,
        quantization: Quantization = .float32,
        topK: Double? = nil
    ) throws(WireError) {
        guard round >= 1 else { throw WireError(.invalidField, "FederatedRound.round: 0") }
        try FieldRules.identifier(model, "FederatedRound.model")
        try FieldRules.identifier(weights, "FederatedRound.weights")
        guard weightsSHA256.utf8.count == 64, weightsSHA256.utf8.allSatisfy(Self.isLowercaseHex) else {
            throw WireError(.invalidField, "FederatedRound.weights_sha256: not 64 lowercase hex characters")
        }
        guard weightsSize > 0 else { throw WireError(.invalidField, "FederatedRound.weights_size: 0") }
        guard (1...Self.maxDevices).contains(devices.count) else {
            throw WireError(.invalidField, "FederatedRound.devices: \(devices.count), not 1...\(Self.maxDevices)")
        }
        let sorted = devices.sorted()
        guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0 != $1 }) else {
            throw WireError(.invalidField, "FederatedRound.devices: a device appears twice")
        }
        try FieldRules.timestamp(deadlineMs, "FederatedRound.deadline_ms")
        guard (1...1_000).contains(epochs) else {
            throw WireError(.invalidField, "FederatedRound.epochs: \(epochs), not 1...1000")
        }
        guard (1...65_536).contains(batchSize) else {
            throw WireError(.invalidField, "FederatedRound.batch_size: \(batchSize), not 1...65536")
        }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 100 else {
            throw WireError(.invalidField, "FederatedRound.learning_rate: \(learningRate), not in (0, 100]")
        }
        guard proximalMu.isFinite, proximalMu >= 0, proximalMu <= 1_000 else {
            throw WireError(.invalidField, "FederatedRound.proximal_mu: \(proximalMu), not in [0, 1000]")
        }
        if let topK, !(topK.isFinite && topK > 0 && topK <= 1) {
            throw WireError(.invalidField, "FederatedRound.top_k: \(topK), not in (0, 1]")
        }
        self.round = round
        self.model = model
        self.baseVersion = baseVersion
        self.weights = weights
        self.weightsSHA256 = weightsSHA256
        self.weightsSize = weightsSize
        self.devices = sorted
        self.deadlineMs = deadlineMs
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.proximalMu = proximalMu
        self.quantization = quantization
        self.topK = topK
    }

    /// Whether `device` is selected.
    public func selects(_ device: DeviceID) -> Bool {
        var low = 0
        var high = devices.count
        while low < high {
            let middle = (low + high) / 2
            if devices[middle] < device { low = middle + 1 } else { high = middle }
        }
        return low < devices.count && devices[low] == device
    }

    /// The JSON form, keys sorted.
    public func encode() -> [UInt8] { JSONWire.encode(self) }

    /// Parses and validates the JSON form.
    ///
    /// - Throws: `.oversized` before parsing, `.truncated`, `.malformed`, `.unsupportedVersion`, `.invalidField`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> FederatedRound {
        try JSONWire.decode(FederatedRound.self, from: bytes, maxBytes: maxEncodedBytes, message: "FederatedRound")
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private enum CodingKeys: String, CodingKey {
        case v
        case round
        case model
        case baseVersion = "base_version"
        case weights
        case weightsSHA256 = "weights_sha256"
        case weightsSize = "weights_size"
        case devices
        case deadlineMs = "deadline_ms"
        case epochs
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
        case proximalMu = "proximal_mu"
        case quantization
        case topK = "top_k"
    }

    /// Decodes and validates as the throwing initialiser does; invalid values throw `WireError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "FederatedRound")
        let devices = try container.decode([String].self, forKey: .devices)
        guard devices.count <= Self.maxDevices else {
            throw WireError(.invalidField, "FederatedRound.devices: \(devices.count), more than \(Self.maxDevices)")
        }
        let quantization = try container.decode(String.self, forKey: .quantization)
        guard let known = Quantization(rawValue: quantization) else {
            throw WireError(
                .invalidField,
                "FederatedRound.quantization: \(String(reflecting: quantization.prefix(16)))"
            )
        }
        try self.init(
            round: try container.decode(UInt64.self, forKey: .round),
            model: try container.decode(String.self, forKey: .model),
            baseVersion: try container.decode(UInt32.self, forKey: .baseVersion),
            weights: try container.decode(String.self, forKey: .weights),
            weightsSHA256: try container.decode(String.self, forKey: .weightsSHA256),
            weightsSize: try container.decode(UInt64.self, forKey: .weightsSize),
            devices: try devices.map { id throws(WireError) in try DeviceID(id, field: "FederatedRound.devices") },
            deadlineMs: try container.decode(Int64.self, forKey: .deadlineMs),
            epochs: try container.decode(Int.self, forKey: .epochs),
            batchSize: try container.decode(Int.self, forKey: .batchSize),
            learningRate: try container.decode(Double.self, forKey: .learningRate),
            proximalMu: try container.decode(Double.self, forKey: .proximalMu),
            quantization: known,
            topK: try container.decodeIfPresent(Double.self, forKey: .topK)
        )
    }

    /// Encodes every field and `"v": 1`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireSchemaVersion, forKey: .v)
        try container.encode(round, forKey: .round)
        try container.encode(model, forKey: .model)
        try container.encode(baseVersion, forKey: .baseVersion)
        try container.encode(weights, forKey: .weights)
        try container.encode(weightsSHA256, forKey: .weightsSHA256)
        try container.encode(weightsSize, forKey: .weightsSize)
        try container.encode(devices, forKey: .devices)
        try container.encode(deadlineMs, forKey: .deadlineMs)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(learningRate, forKey: .learningRate)
        try container.encode(proximalMu, forKey: .proximalMu)
        try container.encode(quantization, forKey: .quantization)
        try container.encodeIfPresent(topK, forKey: .topK)
    }
}
