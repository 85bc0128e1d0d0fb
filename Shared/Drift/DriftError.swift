/// Why a drift statistic or a summary could not be computed or decoded.
public struct DriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable {
        /// A sample, histogram or weight vector is empty (or sums to zero).
        case empty
        /// A value is NaN or infinite where a finite one is needed.
        case notFinite
        /// Two inputs that must agree in length or layout do not (histograms on different edges, weights vs values).
        case mismatch
        /// A value breaks its rule (negative weight or count, edges not increasing, sums that disagree).
        case invalid
        /// Encoded bytes end before the structure does.
        case truncated
        /// Encoded bytes are not a summary: bad magic or version, bytes left over, a count above its limit.
        case malformed
    }

    /// What went wrong.
    public let code: Code
    /// Which input and why, for the log.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "drift \(code.rawValue): \(context)" }
}
