/// The SIMD building blocks of the int8 interpreter: widening int8 × int8 → int16 products summed into int32
/// lanes, 16 bytes per step, four weight rows against one input so every input load is used four times.
///
/// Products of int8 activations and weights in [−127, 127] fit int16 exactly (|p| ≤ 16,256), and int32 sums wrap
/// the same way in any order, so results equal the scalar loop bit for bit.
enum Int8Kernels {
    /// Bytes per SIMD step; weight rows are padded to a multiple of it with zeros.
    static let lanes = 16

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int8>) -> SIMD16<Int16> {
        SIMD16<Int16>(truncatingIfNeeded: UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Int8>.self))
    }

    @inline(__always)
    static func multiplyAdd(_ sum: inout SIMD8<Int32>, _ x: SIMD16<Int16>, _ w: SIMD16<Int16>) {
        let product = x &* w
        // Adjacent pairs summed into int32: the shape of x86's pmaddwd.
        let even = SIMD8<Int32>(truncatingIfNeeded: product.evenHalf)
        let odd = SIMD8<Int32>(truncatingIfNeeded: product.oddHalf)
        sum &+= even &+ odd
    }

    /// `Σ x[i] · w_r[i]` for the four rows `w_r = w + r · stride`, over `count` (a multiple of 16) values.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, stride: Int, count: Int) -> SIMD4<Int32> {
        var s0 = SIMD8<Int32>()
        var s1 = SIMD8<Int32>()
        var s2 = SIMD8<Int32>()
        var s3 = SIMD8<Int32>()
        var index = 0
        while index < count {
            let input = load(x + index)
            multiplyAdd(&s0, input, load(w + index))
            multiplyAdd(&s1, input, load(w + stride + index))
            multiplyAdd(&s2, input, load(w + 2 * stride + index))
            multiplyAdd(&s3, input, load(w + 3 * stride + index))
            index += lanes
        }
        return SIMD4(s0.wrappedSum(), s1.wrappedSum(), s2.wrappedSum(), s3.wrappedSum())
    }

    /// `Σ x[i] · w[i]` over `count` (a multiple of 16) values.
    @inline(__always)
    static func dot1(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, count: Int) -> Int32 {
        var sum = SIMD8<Int32>()
        var index = 0
        while index < count {
            multiplyAdd(&sum, load(x + index), load(w + index))
            index += lanes
        }
        return sum.wrappedSum()
    }

    /// `count` rounded up to a multiple of ``lanes``.
    static func padded(_ count: Int) -> Int {
        (count + lanes - 1) / lanes * lanes
    }
}
