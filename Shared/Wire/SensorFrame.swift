/// A block of samples from one sensor, on `sensors/{device}/{sensor}`, as JSON or binary (see
/// ``encodeJSON()`` and ``encode()``); ``decode(_:)`` reads either.
///
/// Axes are kept in canonical order, `x`, `y`, `z` first, then the others sorted by name, because a JSON object
/// has no order; two frames with the same axes compare equal whatever order they were given in.
public struct SensorFrame: WireMessage {
    /// One named axis and its samples.
    public struct Axis: Sendable, Hashable {
        /// 1...64 bytes of `[A-Za-z0-9._-]`; a scalar sensor uses `v`.
        public let name: String
        /// Samples in time order, `1 / hz` seconds apart.
        public let samples: [Float]

        /// An axis; it is validated when it becomes part of a frame.
        public init(name: String, samples: [Float]) {
            self.name = name
            self.samples = samples
        }
    }

    /// Most axes in a frame.
    public static let maxAxes = 16
    /// Most samples per axis.
    public static let maxSamplesPerAxis = 65_536
    /// Highest sample rate, Hz.
    public static let maxSampleRate = 1_000_000.0

    /// Unix milliseconds of the first sample.
    public let ts: Int64
    /// Sample rate in Hz, in (0, 1_000_000].
    public let hz: Double
    /// 1...16 axes in canonical order, all with the same 1...65_536 finite samples.
    public let axes: [Axis]

    /// Validates and puts the axes in canonical order.
    ///
    /// - Throws: `.invalidField` for a negative timestamp, a rate that is not finite or outside (0, 1e6], no axes
    ///   or more than 16, bad or repeated axis names, unequal lengths, 0 or more than 65_536 samples, or a sample
    ///   that is NaN or infinite.
    public init(ts: Int64, hz: Double, axes: [Axis]) throws(WireError) {
        try FieldRules.timestamp(ts, "SensorFrame.ts")
        guard hz.isFinite, hz > 0, hz <= Self.maxSampleRate else {
            throw WireError(.invalidField, "SensorFrame.hz: \(hz) is not in (0, \(Self.maxSampleRate)]")
        }
        guard (1...Self.maxAxes).contains(axes.count) else {
            throw WireError(.invalidField, "SensorFrame.axes: \(axes.count) axes, not 1...\(Self.maxAxes)")
        }
        let sampleCount = axes[0].samples.count
        guard (1...Self.maxSamplesPerAxis).contains(sampleCount) else {
            throw WireError(
                .invalidField,
                "SensorFrame.axes: \(sampleCount) samples per axis, not 1...\(Self.maxSamplesPerAxis)"
            )
        }
        for axis in axes {
            try FieldRules.identifier(axis.name, "SensorFrame.axes name")
            guard axis.samples.count == sampleCount else {
                throw WireError(
                    .invalidField,
                    "SensorFrame.axes.\(axis.name): \(axis.samples.count) samples, \(axes[0].name) has \(sampleCount)"
                )
            }
            guard axis.samples.allSatisfy({ $0.isFinite }) else {
                throw WireError(.invalidField, "SensorFrame.axes.\(axis.name): a sample is NaN or infinite")
            }
        }
        let ordered = axes.sorted { Self.axisOrder($0.name) < Self.axisOrder($1.name) }
        for index in ordered.indices.dropFirst() where ordered[index].name == ordered[index - 1].name {
            throw WireError(.invalidField, "SensorFrame.axes.\(ordered[index].name): appears twice")
        }
        self.ts = ts
        self.hz = hz
        self.axes = ordered
    }

    /// Samples per axis.
    public var sampleCount: Int { axes[0].samples.count }

    /// The samples of the axis called `name`, if the frame has one.
    public func samples(of name: String) -> [Float]? {
        axes.first { $0.name == name }?.samples
    }

    /// Largest input ``decode(_:)`` accepts: the JSON form of a full frame with long numbers.
    public static let maxEncodedBytes = 32 * 1024 * 1024

    /// Decodes either form: binary when the bytes start with `SF1`, JSON otherwise.
    ///
    /// - Throws: `WireError` as ``decodeBinary(_:)`` and ``decodeJSON(_:)`` do.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> SensorFrame {
        bytes.starts(with: binaryMagic) ? try decodeBinary(bytes) : try decodeJSON(bytes)
    }

    /// Sort key for canonical axis order: x, y, z, then by name.
    private static func axisOrder(_ name: String) -> (Int, String) {
        switch name {
        case "x": return (0, "")
        case "y": return (1, "")
        case "z": return (2, "")
        default: return (3, name)
        }
    }
}
