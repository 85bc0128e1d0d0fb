/// The SIMD building blocks of the int8 interpreter: int8 × int8 products summed into int32 lanes, 16 bytes per
/// step, four weight rows against one input so every input load serves four rows.
///
/// Sixteen int8 values are loaded as eight int16 lanes; shifts split them into sign-extended even and odd bytes
/// (no per-lane conversion calls), `x_even · w_even + x_odd · w_odd` is formed in int16 — exact, since
/// |p| ≤ 2 · 128 · 127 = 32,512 — and widened to int32 pairs the same way. That is the arithmetic of x86's
/// pmaddubsw/pmaddwd, written with plain SSE2 operations. Int32 sums wrap identically in any order, so results
/// equal the scalar loop bit for bit.
enum Int8Kernels {
    /// Bytes per SIMD step; weight rows are padded to a multiple of it with zeros.
    static let lanes = 16

    /// Sixteen int8 values as sign-extended (even, odd) bytes in int16 lanes.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int8>) -> (even: SIMD8<Int16>, odd: SIMD8<Int16>) {
        let pairs = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Int16>.self)
        return ((pairs &<< 8) &>> 8, pairs &>> 8)
    }

    /// Adds `x · w` over 16 bytes to four int32 lanes.
    @inline(__always)
    static func multiplyAdd(
        _ sum: inout SIMD4<Int32>,
        _ x: (even: SIMD8<Int16>, odd: SIMD8<Int16>),
        _ w: UnsafePointer<Int8>
    ) {
        let weights = load(w)
        let pairs = x.even &* weights.even &+ x.odd &* weights.odd
        let words = unsafeBitCast(pairs, to: SIMD4<Int32>.self)
        sum &+= ((words &<< 16) &>> 16) &+ (words &>> 16)
    }

    /// `Σ x[i] · w_r[i]` for the four rows `w_r = w + r · stride`, over `count` (a multiple of 16) values.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, stride: Int, count: Int) -> SIMD4<Int32> {
        var s0 = SIMD4<Int32>()
        var s1 = SIMD4<Int32>()
        var s2 = SIMD4<Int32>()
        var s3 = SIMD4<Int32>()
        var index = 0
        while index < count {
            let input = load(x + index)
            multiplyAdd(&s0, input, w + index)
            multiplyAdd(&s1, input, w + (stride &+ index))
            multiplyAdd(&s2, input, w + (2 &* stride &+ index))
            multiplyAdd(&s3, input, w + (3 &* stride &+ index))
            index &+= lanes
        }
        return SIMD4(s0.wrappedSum(), s1.wrappedSum(), s2.wrappedSum(), s3.wrappedSum())
    }

    /// `Σ x[i] · w[i]` over `count` (a multiple of 16) values.
    @inline(__always)
    static func dot1(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, count: Int) -> Int32 {
        var sum = SIMD4<Int32>()
        var index = 0
        while index < count {
            multiplyAdd(&sum, load(x + index), w + index)
            index &+= lanes
        }
        return sum.wrappedSum()
    }

    /// `count` rounded up to a multiple of ``lanes``.
    static func padded(_ count: Int) -> Int {
        (count + lanes - 1) / lanes * lanes
    }
}
