/// Logarithm and square root of four Floats at once without a libm call or branch per value, for spectral sums whose
/// terms need about 1e-6 accuracy, not the last bit: the FFT stays in Double, only these per-bin terms are
/// Float. Four Float lanes fill one SSE register, four Double lanes take two.
enum FastFloatMath {
    /// Base-2 logarithm of positive Floats to within 2e-7 absolute plus half a Float ulp of the result (measured: at
    /// most 7e-7 for x in [1e-9, 1], 4e-6 at the ends of the Float range): the exponent comes from the bits, the
    /// mantissa `m` in [√½, √2) goes through `ln m = 2·atanh((m − 1)/(m + 1))` to its fourth term (truncation below
    /// 2·0.172⁹/9 ≈ 3e-8). For 0 and subnormals it returns a finite value, harmless where the result is multiplied
    /// by the argument, as in an entropy term `p·log2 p`.
    @inline(__always)
    static func log2(_ x: SIMD4<Float>) -> SIMD4<Float> {
        // Constants are locals, not static lets: a static would cost a `swift_once` check per call.
        let bits = unsafeBitCast(x, to: SIMD4<UInt32>.self)
        // 2^23 as Float bits: OR-ing a small integer into the mantissa and subtracting 2^23 converts it exactly.
        let biased =
            unsafeBitCast((bits &>> 23) | SIMD4<UInt32>(repeating: 0x4B00_0000), to: SIMD4<Float>.self)
            - SIMD4<Float>(repeating: 8_388_608)
        var mantissa = unsafeBitCast(
            (bits & SIMD4<UInt32>(repeating: 0x007F_FFFF)) | SIMD4<UInt32>(repeating: 0x3F80_0000),
            to: SIMD4<Float>.self
        )
        let large = mantissa .> 1.414_213_5
        mantissa.replace(with: mantissa * 0.5, where: large)
        var exponent = biased - 127
        exponent.replace(with: exponent + 1, where: large)
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var series = s2 * SIMD4<Float>(repeating: 1.0 / 7) + SIMD4<Float>(repeating: 1.0 / 5)
        series = series * s2 + SIMD4<Float>(repeating: 1.0 / 3)
        series = series * s2 + SIMD4<Float>(repeating: 1)
        let lnMantissa = s * series * 2
        return exponent + lnMantissa * 1.442_695
    }

    /// Square roots of non-negative Floats to within 3e-7 relative (a few Float ulps), as `x·(1/√x)`: the
    /// reciprocal root from the bit-level first guess, refined by three Newton steps (relative error 3.4e-2 → 1.8e-3
    /// → 4.6e-6 → below Float rounding). 0 gives 0.
    @inline(__always)
    static func squareRoot(_ x: SIMD4<Float>) -> SIMD4<Float> {
        let bits = unsafeBitCast(x, to: SIMD4<UInt32>.self)
        var y = unsafeBitCast(SIMD4<UInt32>(repeating: 0x5F37_59DF) &- (bits &>> 1), to: SIMD4<Float>.self)
        let half = x * 0.5
        for _ in 0..<3 {
            // (half·y)·y, not half·(y·y): y·y overflows for x = 0, and 0·∞ would be NaN.
            y = y * (1.5 - (half * y) * y)
        }
        return x * y
    }
}
