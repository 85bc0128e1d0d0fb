/// Why an input was refused by an engine; the model itself is fine.
public struct InferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the input, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The input does not have the model's element count (times the batch size).
        case wrongInputSize
        /// The input holds NaN or an infinity.
        case nonFiniteInput
    }

    /// What was wrong.
    public let code: Code
    /// The values involved.
    public let message: String

    /// An error with its code and a message for logs.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A one-line form for logs.
    public var description: String { "inference \(code.rawValue): \(message)" }

    /// Checks that `input` holds `batch` finite inputs of `elements` values each.
    static func check(_ input: UnsafeBufferPointer<Float>, elements: Int, batch: Int) throws(InferenceError) {
        guard batch >= 1, input.count == elements * batch else {
            throw InferenceError(.wrongInputSize, "\(input.count) values for a batch of \(batch) × \(elements)")
        }
        for value in input where !value.isFinite {
            throw InferenceError(.nonFiniteInput, "input holds \(value)")
        }
    }
}
