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
        guard allFinite(input) else {
            let value = input.first { !$0.isFinite } ?? .nan
            throw InferenceError(.nonFiniteInput, "input holds \(value)")
        }
    }

    /// Whether no value of `input` is NaN or an infinity, sixteen at a time on the bit patterns: a float is not
    /// finite exactly when its exponent bits are all ones, and then adding one exponent unit carries into the sign
    /// bit. Only integer and, add and or, so the baseline x86-64 build keeps it in vectors too.
    private static func allFinite(_ input: UnsafeBufferPointer<Float>) -> Bool {
        guard let base = input.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let exponent = SIMD16<UInt32>(repeating: 0x7F80_0000)
        let unit = SIMD16<UInt32>(repeating: 0x0080_0000)
        var carries = SIMD16<UInt32>()
        var index = 0
        while index &+ 16 <= input.count {
            let bits = raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<UInt32>.self)
            carries |= (bits & exponent) &+ unit
            index &+= 16
        }
        var tail: UInt32 = 0
        while index < input.count {
            tail |= (input[index].bitPattern & 0x7F80_0000) &+ 0x0080_0000
            index &+= 1
        }
        let sign = SIMD16<UInt32>(repeating: 0x8000_0000)
        return carries & sign == SIMD16() && tail & 0x8000_0000 == 0
    }
}
