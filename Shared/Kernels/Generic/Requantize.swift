import EdgeKernelCore

/// Vector requantization of raw int32 sums to int8 outputs (held as int16), eight channels at a time, with the
/// branch-free arithmetic described at ``RequantizationTable``.
enum Requantize {
    /// ``RequantizationTable/output(_:_:)`` of the 16 channels from `column` whose sums are `sums`, written to
    /// `y[column...]`; channels from `layer.columns` on are neither requantized nor written. Transparent (inlined
    /// before optimisation): with `@inline(__always)` only the first of a tile's four calls was inlined, the other
    /// three called one out-of-line copy whose clamps and narrowing were generic calls.
    @_transparent
    static func store(
        _ sums: PairArithmetic.Accumulators,
        _ layer: PackedLayer,
        _ column: Int,
        into y: UnsafeMutablePointer<Int16>
    ) {
        store(sums.0, layer, column, into: y)
        store(sums.1, layer, column &+ 8, into: y)
    }

    /// The eight channels from `channel` of ``store(_:_:_:into:)``.
    @_transparent
    private static func store(
        _ sums: SIMD8<Int32>,
        _ layer: PackedLayer,
        _ channel: Int,
        into y: UnsafeMutablePointer<Int16>
    ) {
        let count = layer.columns &- channel
        if count >= 8 {
            let values = output8(sums, layer.table, channel)
            UnsafeMutableRawPointer(y + channel).storeBytes(of: values, as: SIMD8<Int16>.self)
        } else if count > 0 {
            storeFirst(count, sums, layer.table, channel, into: y)
        }
    }

    /// The first `count` (below eight) channels of ``store(_:_:_:into:)``. Out of line: inlined, its lane-by-lane
    /// stores led LLVM to compute part of ``output8(_:_:_:)`` lane by lane on the full-vector path too.
    @inline(never)
    private static func storeFirst(
        _ count: Int,
        _ sums: SIMD8<Int32>,
        _ table: RequantizationTable,
        _ channel: Int,
        into y: UnsafeMutablePointer<Int16>
    ) {
        let values = output8(sums, table, channel)
        for lane in 0..<count { y[channel &+ lane] = values[lane] }
    }

    #if EDGE_KERNELS_AVX2
    /// The outputs of the eight channels from `channel` on, in TFLite's own signed steps: `vpmuldq` gives the exact
    /// 64-bit products of the even and the odd lanes, and the rounding divide by `2^r` is int32 arithmetic with
    /// per-lane shifts (`vpsravd`). About a third of the instructions of the unsigned form below, which the baseline
    /// build keeps because SSE2 has neither signed 32-bit multiplies to 64 bits nor per-lane shifts.
    @inline(__always)
    static func output8(_ products: SIMD8<Int32>, _ table: RequantizationTable, _ channel: Int) -> SIMD8<Int16> {
        var x = load(table.biasAdjusted + channel) &+ products
        if table.shiftsLeft { x &<<= load(table.leftShifts + channel) }
        let multipliers: SIMD8<UInt32> = load(table.multipliers + channel)
        let high = highProduct(x, unsafeBitCast(multipliers, to: SIMD8<Int32>.self))
        let mask: SIMD8<Int32> = load(table.remainderMasks + channel)
        let threshold = (mask &>> 1) &- (high &>> 31)
        let roundsUp = SIMD8<Int32>().replacing(with: 1, where: high & mask .> threshold)
        let scaled = (high &>> load(table.rightShifts + channel)) &+ roundsUp
        return clampNarrow(scaled, table)
    }

    /// gemmlowp's `SaturatingRoundingDoublingHighMul(x, m)` for multipliers `m ≥ 0` (where it never saturates):
    /// `⌊(x·m + 2^30) / 2^31⌋`, exact from the 64-bit products of sign-extended lanes.
    @inline(__always)
    private static func highProduct(_ x: SIMD8<Int32>, _ m: SIMD8<Int32>) -> SIMD8<Int32> {
        let (wideX, wideM) = (unsafeBitCast(x, to: SIMD4<Int64>.self), unsafeBitCast(m, to: SIMD4<Int64>.self))
        let nudge = SIMD4<Int64>(repeating: 1 << 30)
        let even = ((wideX &<< 32) &>> 32) &* ((wideM &<< 32) &>> 32) &+ nudge
        let odd = (wideX &>> 32) &* (wideM &>> 32) &+ nudge
        // Bits 31...62 of each product: the even lanes' in the low halves, the odd lanes' in the high halves.
        let low = SIMD4<Int64>(repeating: 0xFFFF_FFFF)
        return unsafeBitCast(((even &>> 31) & low) | ((odd &<< 1) & ~low), to: SIMD8<Int32>.self)
    }
    #else
    /// The outputs of the eight channels from `channel` on.
    @inline(__always)
    static func output8(_ products: SIMD8<Int32>, _ table: RequantizationTable, _ channel: Int) -> SIMD8<Int16> {
        var x = load(table.biasAdjusted + channel) &+ products
        if table.shiftsLeft { x &<<= load(table.leftShifts + channel) }
        let unsigned = unsafeBitCast(x, to: SIMD8<UInt32>.self) ^ 0x8000_0000
        let negative = SIMD8<Int32>().replacing(with: -1, where: x .< load(table.negativeBelow + channel))
        let factors: SIMD8<UInt32> = load(table.multipliers + channel)
        let low = floored(unsigned.lowHalf, factors.lowHalf, negative.lowHalf, table, channel)
        let high = floored(unsigned.highHalf, factors.highHalf, negative.highHalf, table, channel &+ 4)
        let scaled = SIMD8(lowHalf: narrow(low), highHalf: narrow(high)) &- load(table.unbias + channel)
        return clampNarrow(scaled, table)
    }

    /// `⌊(u·M + addend − correction·[negative]) / 2^shift⌋` for four channels.
    @inline(__always)
    private static func floored(
        _ unsigned: SIMD4<UInt32>,
        _ factors: SIMD4<UInt32>,
        _ negative: SIMD4<Int32>,
        _ table: RequantizationTable,
        _ channel: Int
    ) -> SIMD4<UInt64> {
        let product = widen(unsigned) &* widen(factors)
        let mask = SIMD4<UInt64>(
            UInt64(bitPattern: Int64(negative[0])),
            UInt64(bitPattern: Int64(negative[1])),
            UInt64(bitPattern: Int64(negative[2])),
            UInt64(bitPattern: Int64(negative[3]))
        )
        let total = product &+ load(table.addends + channel) &- (load(table.corrections + channel) & mask)
        return total &>> load(table.shifts + channel)
    }

    /// Zero-extends lane by lane (the standard library's generic conversions may stay out of line; see
    /// ``MatrixKernel``).
    @inline(__always)
    private static func widen(_ v: SIMD4<UInt32>) -> SIMD4<UInt64> {
        SIMD4(UInt64(v[0]), UInt64(v[1]), UInt64(v[2]), UInt64(v[3]))
    }

    /// The low 32 bits of each lane, as int32 (little-endian: the even halves). Taken lane by lane, LLVM kept the
    /// shifts before it scalar.
    @inline(__always)
    private static func narrow(_ v: SIMD4<UInt64>) -> SIMD4<Int32> {
        unsafeBitCast(v, to: SIMD8<Int32>.self).evenHalf
    }
    #endif

    /// `scaled` clamped to the activation's range, plus the zero point, as int16.
    @inline(__always)
    private static func clampNarrow(_ scaled: SIMD8<Int32>, _ table: RequantizationTable) -> SIMD8<Int16> {
        // `pminsd`/`pmaxsd` with AVX2 (selections by mask became blends of halves).
        let clamped = pointwiseMin(pointwiseMax(scaled, SIMD8(repeating: table.lower)), SIMD8(repeating: table.upper))
        return SIMD8<Int16>(truncatingIfNeeded: clamped &+ SIMD8(repeating: table.zeroPoint))
    }

    @inline(__always)
    private static func load<Vector: SIMD>(_ pointer: UnsafePointer<Vector.Scalar>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    private static func load<Vector: SIMD>(_ pointer: UnsafeMutablePointer<Vector.Scalar>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }
}
