/// How many blocks a ``FeatureStream`` took and refused, per reason; each refusal is also a thrown
/// ``FeatureError``.
public struct FeatureInputCounters: Sendable, Hashable {
    /// Blocks appended.
    public var acceptedBlocks: UInt64 = 0
    /// Windows turned into vectors.
    public var windows: UInt64 = 0
    /// Blocks refused for a NaN or infinite sample.
    public var nonFiniteSample: UInt64 = 0
    /// Blocks refused for holding no samples.
    public var emptyInput: UInt64 = 0
    /// Blocks refused for another number of axes than the pipeline reads.
    public var wrongAxisCount: UInt64 = 0
    /// Blocks refused for a length that is not axes × samples.
    public var wrongLength: UInt64 = 0
    /// Blocks refused for an absurd sample rate or one other than the pipeline's.
    public var badSampleRate: UInt64 = 0

    /// No block seen yet.
    public init() {}

    /// Counts one refusal for `error`.
    public mutating func count(_ error: FeatureError) {
        switch error.code {
        case .nonFiniteSample: nonFiniteSample += 1
        case .emptyInput: emptyInput += 1
        case .wrongAxisCount: wrongAxisCount += 1
        // A block is never refused for the config, which was checked when the stream was made.
        case .wrongLength, .invalidConfig: wrongLength += 1
        case .badSampleRate: badSampleRate += 1
        }
    }

    /// Blocks refused for any reason.
    public var refusedBlocks: UInt64 { nonFiniteSample + emptyInput + wrongAxisCount + wrongLength + badSampleRate }
}
