/// The SIMD building blocks of the int8 interpreter. Activations and weights hold int8 values but are stored
/// sign-extended to int16, so that eight fill one 128-bit register and adjacent pairs of products are summed into
/// int32 lanes by one multiply-add (the shape LLVM lowers to x86's pmaddwd): per weight row and 8 values, one
/// load, one multiply-add and one add. Four weight rows share every input load, and in ``dot4x2(_:_:_:stride:count:)``
/// two inputs (two batch samples, or two convolution windows) share every weight load. Only SSE2 instructions are
/// needed (the x86-64 baseline that SwiftPM builds for without unsafe flags), so the multiply-add count, not memory,
/// bounds these kernels: 8 int8 products per instruction.
///
/// Products of int8 values and their pair sums are exact in int32, and int32 sums wrap identically in any order,
/// so results equal the scalar loop bit for bit.
enum Int8Kernels {
    /// Values per SIMD step; weight rows are padded to a multiple of it with zeros.
    static let lanes = 8

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int16>) -> SIMD8<Int16> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Int16>.self)
    }

    /// (a0·b0 + a1·b1, a2·b2 + a3·b3, a4·b4 + a5·b5, a6·b6 + a7·b7) in int32.
    @inline(__always)
    static func multiplyAddPairs(_ a: SIMD8<Int16>, _ b: SIMD8<Int16>) -> SIMD4<Int32> {
        let products = SIMD8<Int32>(truncatingIfNeeded: a) &* SIMD8<Int32>(truncatingIfNeeded: b)
        return products.evenHalf &+ products.oddHalf
    }

    /// `Σ x[i] · w_r[i]` for the four rows `w_r = w + r · stride`, over `count` (a multiple of 8) values.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Int16>, _ w: UnsafePointer<Int16>, stride: Int, count: Int) -> SIMD4<Int32> {
        var s0 = SIMD4<Int32>()
        var s1 = SIMD4<Int32>()
        var s2 = SIMD4<Int32>()
        var s3 = SIMD4<Int32>()
        var index = 0
        while index < count {
            let input = load(x + index)
            s0 &+= multiplyAddPairs(input, load(w + index))
            s1 &+= multiplyAddPairs(input, load(w + (stride &+ index)))
            s2 &+= multiplyAddPairs(input, load(w + (2 &* stride &+ index)))
            s3 &+= multiplyAddPairs(input, load(w + (3 &* stride &+ index)))
            index &+= lanes
        }
        return horizontalSums(s0, s1, s2, s3)
    }

    /// ``dot4(_:_:stride:count:)`` for two inputs `x0` and `x1` at once: every weight load serves both.
    @inline(__always)
    static func dot4x2(
        _ x0: UnsafePointer<Int16>,
        _ x1: UnsafePointer<Int16>,
        _ w: UnsafePointer<Int16>,
        stride: Int,
        count: Int
    ) -> (SIMD4<Int32>, SIMD4<Int32>) {
        var a0 = SIMD4<Int32>()
        var a1 = SIMD4<Int32>()
        var a2 = SIMD4<Int32>()
        var a3 = SIMD4<Int32>()
        var b0 = SIMD4<Int32>()
        var b1 = SIMD4<Int32>()
        var b2 = SIMD4<Int32>()
        var b3 = SIMD4<Int32>()
        var index = 0
        while index < count {
            let first = load(x0 + index)
            let second = load(x1 + index)
            let w0 = load(w + index)
            a0 &+= multiplyAddPairs(first, w0)
            b0 &+= multiplyAddPairs(second, w0)
            let w1 = load(w + (stride &+ index))
            a1 &+= multiplyAddPairs(first, w1)
            b1 &+= multiplyAddPairs(second, w1)
            let w2 = load(w + (2 &* stride &+ index))
            a2 &+= multiplyAddPairs(first, w2)
            b2 &+= multiplyAddPairs(second, w2)
            let w3 = load(w + (3 &* stride &+ index))
            a3 &+= multiplyAddPairs(first, w3)
            b3 &+= multiplyAddPairs(second, w3)
            index &+= lanes
        }
        return (horizontalSums(a0, a1, a2, a3), horizontalSums(b0, b1, b2, b3))
    }

    /// The lane sums of four vectors as one vector, by a transpose of pairs instead of four separate reductions.
    @inline(__always)
    static func horizontalSums(
        _ s0: SIMD4<Int32>,
        _ s1: SIMD4<Int32>,
        _ s2: SIMD4<Int32>,
        _ s3: SIMD4<Int32>
    ) -> SIMD4<Int32> {
        let a = SIMD4(lowHalf: s0.lowHalf, highHalf: s1.lowHalf) &+ SIMD4(lowHalf: s0.highHalf, highHalf: s1.highHalf)
        let b = SIMD4(lowHalf: s2.lowHalf, highHalf: s3.lowHalf) &+ SIMD4(lowHalf: s2.highHalf, highHalf: s3.highHalf)
        return SIMD4(lowHalf: a.evenHalf, highHalf: b.evenHalf) &+ SIMD4(lowHalf: a.oddHalf, highHalf: b.oddHalf)
    }

    /// `Σ x[i] · w[i]` over `count` (a multiple of 8) values.
    @inline(__always)
    static func dot1(_ x: UnsafePointer<Int16>, _ w: UnsafePointer<Int16>, count: Int) -> Int32 {
        var sum = SIMD4<Int32>()
        var index = 0
        while index < count {
            sum &+= multiplyAddPairs(load(x + index), load(w + index))
            index &+= lanes
        }
        return sum.wrappedSum()
    }

    /// `count` rounded up to a multiple of ``lanes``.
    static func padded(_ count: Int) -> Int {
        (count + lanes - 1) / lanes * lanes
    }
}
