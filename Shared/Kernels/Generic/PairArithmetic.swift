/// The SIMD building blocks of the matrix kernels, each inlined into the tiles.
///
/// Written in the exact shapes that LLVM lowers to multiply-adds of adjacent int16 pairs (`pmaddwd`), checked with
/// `objdump` on the release build of both kernel modules. Small rewrites (a generic standard-library conversion
/// instead of the lane-by-lane one, an int16 broadcast instead of an int32 one, the same code inlined into a larger
/// function) have turned them into 32-bit multiplies or scalar code.
enum PairArithmetic {
    /// The int32 sums of 16 output channels: channels 0–7 of a tile's column block, then 8–15.
    typealias Accumulators = (SIMD8<Int32>, SIMD8<Int32>)
    /// One input pair's weights for the 16 columns of a block: columns 0–7, then 8–15, two values each.
    typealias WeightBlock = (SIMD16<Int16>, SIMD16<Int16>)

    /// Zeroed accumulators.
    static let zero: Accumulators = (SIMD8(), SIMD8())

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

    /// The two values at `pointer`, repeated in all eight lane pairs (loaded as one int32, which keeps the
    /// multiply-add a `pmaddwd`).
    @inline(__always)
    static func broadcast(_ pointer: UnsafePointer<Int16>) -> SIMD16<Int16> {
        let pair = UnsafeRawPointer(pointer).loadUnaligned(as: Int32.self)
        return unsafeBitCast(SIMD8<Int32>(repeating: pair), to: SIMD16<Int16>.self)
    }

    /// The 32 weights of one input pair of a column block.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int16>) -> WeightBlock {
        (
            UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Int16>.self),
            UnsafeRawPointer(pointer + 16).loadUnaligned(as: SIMD16<Int16>.self)
        )
    }

    /// Adds the products of the broadcast input pair `x` with each half of the block's weights.
    @inline(__always)
    static func accumulate(_ x: SIMD16<Int16>, _ w: WeightBlock, into sums: inout Accumulators) {
        sums.0 &+= multiplyAddPairs(x, w.0)
        sums.1 &+= multiplyAddPairs(x, w.1)
    }
}
