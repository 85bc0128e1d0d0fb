/// Base-2 logarithm of four positive normal Doubles at once, to within 1e-7 absolute, without a libm call per
/// value: the exponent is read from the bits, the mantissa `m` in [√½, √2) goes through the series
/// `ln m = 2·atanh((m − 1)/(m + 1))` to its fifth term (error below 2·0.172⁹/9 ≈ 3e-8).
///
/// For 0 it returns a finite value (−1023 plus the series of 1), which is harmless where the result is multiplied
/// by the argument, as in an entropy term `p·log2 p`. Subnormals get the same treatment; infinities and NaN are
/// not expected.
enum FastLog2 {
    /// Constants are locals, not static lets: a static would cost a `swift_once` check per call.
    @inline(__always)
    static func log2(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let mantissaBits = SIMD4<UInt64>(repeating: 0x000F_FFFF_FFFF_FFFF)
        let exponentOne = SIMD4<UInt64>(repeating: 0x3FF0_0000_0000_0000)
        // 2^52 as the bits of a Double: OR-ing a small integer into its mantissa and subtracting 2^52 converts it.
        let twoTo52Bits = SIMD4<UInt64>(repeating: 0x4330_0000_0000_0000)
        let twoTo52 = SIMD4<Double>(repeating: 4_503_599_627_370_496)
        let inverseLn2 = 1.442_695_040_888_963_4
        let bits = unsafeBitCast(x, to: SIMD4<UInt64>.self)
        let biasedExponent = unsafeBitCast((bits &>> 52) | twoTo52Bits, to: SIMD4<Double>.self) - twoTo52
        var mantissa = unsafeBitCast((bits & mantissaBits) | exponentOne, to: SIMD4<Double>.self)
        let large = mantissa .> 1.414_213_562_373_095_1
        mantissa.replace(with: mantissa * 0.5, where: large)
        var exponent = biasedExponent - 1023
        exponent.replace(with: exponent + 1, where: large)
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var series = s2 * SIMD4<Double>(repeating: 1.0 / 9) + SIMD4<Double>(repeating: 1.0 / 7)
        series = series * s2 + SIMD4<Double>(repeating: 1.0 / 5)
        series = series * s2 + SIMD4<Double>(repeating: 1.0 / 3)
        series = series * s2 + SIMD4<Double>(repeating: 1)
        let lnMantissa = s * series * 2
        return exponent + lnMantissa * inverseLn2
    }
}
