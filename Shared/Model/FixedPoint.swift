/// TFLite's fixed-point requantization arithmetic (gemmlowp), reproduced exactly so that int8 results are equal bit
/// for bit on every machine.
///
/// Rounding: ``saturatingRoundingDoublingHighMul(_:_:)`` rounds to nearest by gemmlowp's nudge-and-truncate, which
/// sends ties toward +∞ (1.5 → 2, −1.5 → −1); ``roundingDivideByPowerOfTwo(_:_:)`` rounds to nearest with ties away
/// from zero. Float-to-int8 quantization rounds ties away from zero, as TFLite does (ONNX QuantizeLinear would
/// round ties to even).
public enum FixedPoint {
    /// `a · b / 2^31` rounded to nearest (ties toward +∞), saturating the single overflow case `a == b == Int32.min` to `Int32.max`.
    @inline(__always)
    public static func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
        if a == .min && b == .min { return .max }
        // gemmlowp adds 2^30 (or 1 − 2^30 when negative) and truncates toward zero; for every product that equals
        // adding 2^30 and flooring, which an arithmetic shift does without a branch.
        return Int32(truncatingIfNeeded: (Int64(a) &* Int64(b) &+ (1 << 30)) &>> 31)
    }

    /// `x / 2^exponent` rounded to nearest, ties away from zero; `exponent` in 0...31.
    @inline(__always)
    public static func roundingDivideByPowerOfTwo(_ x: Int32, _ exponent: Int32) -> Int32 {
        let mask = Int32(truncatingIfNeeded: (Int64(1) &<< Int64(exponent)) &- 1)
        let remainder = x & mask
        let threshold = (mask &>> 1) &+ (x < 0 ? 1 : 0)
        return (x &>> exponent) &+ (remainder > threshold ? 1 : 0)
    }

    /// `x · multiplier · 2^shift / 2^31` with TFLite's rounding: a left shift before, a rounding right shift after.
    @inline(__always)
    public static func multiplyByQuantizedMultiplier(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
        let leftShift = max(shift, 0)
        let rightShift = max(-shift, 0)
        return roundingDivideByPowerOfTwo(
            saturatingRoundingDoublingHighMul(x &<< leftShift, multiplier),
            rightShift
        )
    }

    /// A real multiplier as a Q31 fixed-point `multiplier` in [2^30, 2^31) and a power-of-two `shift`, as TFLite's
    /// `QuantizeMultiplier`: `real ≈ multiplier · 2^(shift − 31)`. Zero gives (0, 0); values below 2^−32 flush to
    /// zero; values of 2^31 and above saturate. `real` must be finite and ≥ 0.
    public static func quantizeMultiplier(_ real: Double) -> (multiplier: Int32, shift: Int32) {
        guard real > 0 else { return (0, 0) }
        // frexp: real = fraction · 2^exponent with fraction in [0.5, 1).
        let fraction = real.significand / 2
        var shift = Int64(real.exponent) + 1
        var fixed = Int64((fraction * Double(Int64(1) << 31)).rounded(.toNearestOrAwayFromZero))
        if fixed == Int64(1) << 31 {
            fixed /= 2
            shift += 1
        }
        if shift < -31 { return (0, 0) }
        if shift > 30 { return (Int32.max, 30) }
        return (Int32(fixed), Int32(shift))
    }
}
