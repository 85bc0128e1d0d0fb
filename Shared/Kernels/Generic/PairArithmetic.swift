/// The SIMD building blocks of the matrix kernels, each inlined into the tiles.
///
/// Written in the exact shapes that LLVM lowers to multiply-adds of adjacent int16 pairs (`pmaddwd`), checked with
/// `objdump` on the release build of both kernel modules. Small rewrites (a generic standard-library conversion instead of the lane-by-lane one, the same
/// code inlined into a larger function) have turned them into 32-bit multiplies or scalar code.
enum PairArithmetic {
    /// Four int32 accumulators, one per weight row of a tile.
    typealias Accumulators = (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>)
    /// Sixteen values of four weight rows.
    typealias WeightBlock = (SIMD16<Int16>, SIMD16<Int16>, SIMD16<Int16>, SIMD16<Int16>)

    /// Zeroed accumulators.
    static let zero: Accumulators = (SIMD8(), SIMD8(), SIMD8(), SIMD8())

    /// Sign-extends lane by lane: the standard library's generic `init(truncatingIfNeeded:)` is not always inlined,
    /// and an out-of-line copy would be emitted in every kernel module under one symbol, of which the linker keeps
    /// one for all builds.
    @inline(__always)
    static func widen(_ v: SIMD8<Int16>) -> SIMD8<Int32> {
        SIMD8(Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]))
    }

    /// `(x0·y0 + x1·y1, x2·y2 + x3·y3, …)` in int32, exact for int16 inputs.
    @inline(__always)
    static func multiplyAddPairs(_ x: SIMD16<Int16>, _ y: SIMD16<Int16>) -> SIMD8<Int32> {
        let products =
            SIMD16<Int32>(lowHalf: widen(x.lowHalf), highHalf: widen(x.highHalf))
            &* SIMD16<Int32>(lowHalf: widen(y.lowHalf), highHalf: widen(y.highHalf))
        return products.evenHalf &+ products.oddHalf
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int16>) -> SIMD16<Int16> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Int16>.self)
    }

    /// Sixteen values from each of the four rows at `row`, `stride` values apart.
    @inline(__always)
    static func load(_ row: UnsafePointer<Int16>, stride: Int) -> WeightBlock {
        (load(row), load(row + stride), load(row + 2 &* stride), load(row + 3 &* stride))
    }

    /// Adds the pair products of the inputs `x` with each weight row to its accumulator.
    @inline(__always)
    static func accumulate(_ x: SIMD16<Int16>, _ w: WeightBlock, into sums: inout Accumulators) {
        sums.0 &+= multiplyAddPairs(x, w.0)
        sums.1 &+= multiplyAddPairs(x, w.1)
        sums.2 &+= multiplyAddPairs(x, w.2)
        sums.3 &+= multiplyAddPairs(x, w.3)
    }

    /// The lane sums of four accumulators as one vector: the halves added, then a transpose of pairs instead of
    /// four separate reductions.
    @inline(__always)
    static func horizontalSums(_ v: Accumulators) -> SIMD4<Int32> {
        let (s0, s1) = (v.0.lowHalf &+ v.0.highHalf, v.1.lowHalf &+ v.1.highHalf)
        let (s2, s3) = (v.2.lowHalf &+ v.2.highHalf, v.3.lowHalf &+ v.3.highHalf)
        let a = SIMD4(lowHalf: s0.lowHalf, highHalf: s1.lowHalf) &+ SIMD4(lowHalf: s0.highHalf, highHalf: s1.highHalf)
        let b = SIMD4(lowHalf: s2.lowHalf, highHalf: s3.lowHalf) &+ SIMD4(lowHalf: s2.highHalf, highHalf: s3.highHalf)
        return SIMD4(lowHalf: a.evenHalf, highHalf: b.evenHalf) &+ SIMD4(lowHalf: a.oddHalf, highHalf: b.oddHalf)
    }

    @inline(__always)
    static func store(_ values: SIMD4<Int32>, _ sums: UnsafeMutablePointer<Int32>) {
        UnsafeMutableRawPointer(sums).storeBytes(of: values, as: SIMD4<Int32>.self)
    }
}
