/// What a staged rollout is asked to do (AWS IoT Jobs' and hawkBit's rollout groups): which model version, to which
/// devices, in which waves, and the gates between them.
public struct RolloutPlan: Sendable, Hashable, Codable {
    /// One wave's cumulative size: a device count or a percentage of the fleet.
    public enum WaveSize: Sendable, Hashable, Codable {
        /// This many devices in total after the wave.
        case devices(Int)
        /// This percentage of the fleet in total after the wave, rounded up.
        case percent(Double)

        /// Parses `5` or `10%`.
        /// - Throws: `RolloutError` `.invalidPlan` for anything else, zero, or more than 100 %.
        public init(parsing text: String) throws(RolloutError) {
            if text.hasSuffix("%") {
                guard let value = Double(text.dropLast()), value > 0, value <= 100 else {
                    throw RolloutError(.invalidPlan, "wave \(String(reflecting: text)) is not a percentage in (0, 100]")
                }
                self = .percent(value)
            } else {
                guard let value = Int(text), value > 0 else {
                    throw RolloutError(.invalidPlan, "wave \(String(reflecting: text)) is not a positive device count")
                }
                self = .devices(value)
            }
        }

        /// The cumulative device count for a fleet of `fleet` devices, at least 1 and at most `fleet`.
        func cumulative(of fleet: Int) -> Int {
            switch self {
            case .devices(let count): return max(1, min(count, fleet))
            case .percent(let percent): return max(1, min(fleet, Int((Double(fleet) * percent / 100).rounded(.up))))
            }
        }
    }

    /// ``minGateSamples`` unless given.
    public static let defaultMinGateSamples = 100

    /// Registry name of the model.
    public var model: String
    /// The version rolled out.
    public var version: UInt32
    /// Cumulative wave sizes; the last one is extended to the whole fleet.
    public var waves: [WaveSize]
    /// Largest accepted share of failed devices, 0...1, counted over every device updated so far and within a wave.
    public var maxFailureRate: Double
    /// How long a finished wave must stay healthy before the next one starts, milliseconds.
    public var minHealthyMs: Int64
    /// Slowest 99th-percentile inference latency an updated device may report, µs; nil for no bound.
    public var maxLatencyMicros: UInt32?
    /// How long a wave waits for its devices to report, milliseconds; a device silent that long counts as failed.
    public var waveTimeoutMs: Int64
    /// Most errors per prediction the wave's updated devices may report together since their update, nil for no bound.
    public var maxErrorRate: Double?
    /// Lowest accuracy, 0...1, on the wave's labelled predictions by the new version, nil for no bound.
    public var minAccuracy: Double?
    /// Largest drop of accuracy, 0...1, from the previous version to the new one on the same devices, nil for no
    /// bound.
    public var maxAccuracyDrop: Double?
    /// Predictions (with errors) or labelled predictions a wave needs before the matching gate may fail it ahead of
    /// the end of its healthy time; at that end the gates judge on whatever arrived.
    public var minGateSamples: Int

    /// A plan as given.
    /// - Throws: `RolloutError` `.invalidPlan` for no waves, a failure rate, accuracy or accuracy drop outside 0...1,
    ///   a negative error rate, or fewer than one gate sample.
    public init(
        model: String,
        version: UInt32,
        waves: [WaveSize],
        maxFailureRate: Double,
        minHealthyMs: Int64,
        maxLatencyMicros: UInt32? = nil,
        waveTimeoutMs: Int64 = 3_600_000,
        maxErrorRate: Double? = nil,
        minAccuracy: Double? = nil,
        maxAccuracyDrop: Double? = nil,
        minGateSamples: Int = RolloutPlan.defaultMinGateSamples
    ) throws(RolloutError) {
        guard !waves.isEmpty else { throw RolloutError(.invalidPlan, "no waves") }
        guard (0...1).contains(maxFailureRate) else {
            throw RolloutError(.invalidPlan, "max failure rate \(maxFailureRate) is not within 0...1")
        }
        guard minHealthyMs >= 0 else { throw RolloutError(.invalidPlan, "negative healthy time") }
        guard waveTimeoutMs > 0 else { throw RolloutError(.invalidPlan, "wave timeout must be positive") }
        guard maxErrorRate.map({ $0 >= 0 && $0.isFinite }) ?? true else {
            throw RolloutError(.invalidPlan, "max error rate \(maxErrorRate ?? 0) is not a finite rate ≥ 0")
        }
        for (name, value) in [("min accuracy", minAccuracy), ("max accuracy drop", maxAccuracyDrop)] {
            guard let value else { continue }
            guard (0...1).contains(value) else {
                throw RolloutError(.invalidPlan, "\(name) \(value) is not within 0...1")
            }
        }
        guard minGateSamples >= 1 else { throw RolloutError(.invalidPlan, "min gate samples must be at least 1") }
        self.model = model
        self.version = version
        self.waves = waves
        self.maxFailureRate = maxFailureRate
        self.minHealthyMs = minHealthyMs
        self.maxLatencyMicros = maxLatencyMicros
        self.waveTimeoutMs = waveTimeoutMs
        self.maxErrorRate = maxErrorRate
        self.minAccuracy = minAccuracy
        self.maxAccuracyDrop = maxAccuracyDrop
        self.minGateSamples = minGateSamples
    }

    /// The devices of each wave, in order: `fleet` (sorted by the caller) cut at the cumulative sizes, the last wave
    /// taking every device left.
    public func partition(_ fleet: [String]) -> [[String]] {
        var result: [[String]] = []
        var taken = 0
        for (index, wave) in waves.enumerated() {
            let end = index == waves.count - 1 ? fleet.count : wave.cumulative(of: fleet.count)
            guard end > taken else { continue }
            result.append(Array(fleet[taken..<end]))
            taken = end
        }
        return result
    }
}

/// Why a rollout request was refused. The code is stable.
public struct RolloutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Code: String, Sendable, Hashable {
        /// Bad waves, failure rate or healthy time.
        case invalidPlan
        /// Another rollout is running.
        case alreadyRunning
        /// No rollout to show or abort.
        case noRollout
        /// No device to roll out to.
        case noDevices
    }

    /// What went wrong.
    public let code: Code
    /// The values involved.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}

extension RolloutPlan {
    /// Decodes a stored plan; plans stored before the error-rate and accuracy gates existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        version = try container.decode(UInt32.self, forKey: .version)
        waves = try container.decode([WaveSize].self, forKey: .waves)
        maxFailureRate = try container.decode(Double.self, forKey: .maxFailureRate)
        minHealthyMs = try container.decode(Int64.self, forKey: .minHealthyMs)
        maxLatencyMicros = try container.decodeIfPresent(UInt32.self, forKey: .maxLatencyMicros)
        waveTimeoutMs = try container.decode(Int64.self, forKey: .waveTimeoutMs)
        maxErrorRate = try container.decodeIfPresent(Double.self, forKey: .maxErrorRate)
        minAccuracy = try container.decodeIfPresent(Double.self, forKey: .minAccuracy)
        maxAccuracyDrop = try container.decodeIfPresent(Double.self, forKey: .maxAccuracyDrop)
        minGateSamples = try container.decodeIfPresent(Int.self, forKey: .minGateSamples) ?? Self.defaultMinGateSamples
    }
}
