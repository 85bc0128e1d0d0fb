/// Why a pipeline config or a block of samples was refused: a stable ``Code`` and a context naming the field, axis or
/// sample concerned.
public struct FeatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The config is not one this build can run: unknown version, bad lengths, bands, filter or statistics.
        case invalidConfig
        /// A sample is NaN or infinite.
        case nonFiniteSample
        /// A block holds no samples.
        case emptyInput
        /// A block has another number of axes than the pipeline reads.
        case wrongAxisCount
        /// A buffer has another length than the pipeline needs (window, output vector, FFT input).
        case wrongLength
        /// A sample rate is not finite, not positive, beyond 1 MHz, or not the pipeline's rate.
        case badSampleRate
    }

    /// What went wrong.
    public let code: Code
    /// The field or input concerned, then what was wrong with it, e.g. `hop: 0 is not in 1...256`.
    public let context: String

    /// Creates an error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "features \(code.rawValue): \(context)" }
}
