/// Requantization constants of one dense or convolution layer, per output channel, in memory owned by the table,
/// arranged so that eight channels requantize in SIMD registers (the kernel modules' `requantize`).
///
/// Per-channel arrays are padded with zeros to a multiple of eight channels, so vector loads stay in bounds.
///
/// `biasAdjusted[c] = bias[c] − x_zp · Σ_i w[c, i]`, so the kernels sum raw `x · w` products and still get
/// `bias + Σ (x − x_zp) · w`, the same int32 value modulo 2^32.
///
/// The arithmetic is ``FixedPoint/multiplyByQuantizedMultiplier(_:_:_:)`` rewritten without signed 64-bit
/// multiplies, 64-bit compares or data-dependent branches. With `x` the left-shifted accumulator, `M` the multiplier
/// and `r` the right shift, the gemmlowp high multiply is `h = ⌊(x·M + 2^30) / 2^31⌋` and the rounding divide is
/// `⌊(h + 2^(r−1) − [h < 0]) / 2^r⌋` (no offset when `r = 0`). Nested floors of divisions by positive integers
/// compose, so the result is `⌊(x·M + 2^30 + 2^(30+r) − 2^31·[h < 0]) / 2^(31+r)⌋`, and `h < 0 ⇔ x < −⌊2^30 / M⌋`.
/// The product is taken as `(x + 2^31)·M` on unsigned 32-bit values (x86's `pmuludq`), with `−2^31·M` folded into
/// a per-channel addend, and `2^63` is added so that a logical shift floors the signed value; the int32 result is
/// then exact, and clamping to the activation's range happens in int16 after a saturating narrowing.
///
/// Immutable after init and owns its memory, hence `@unchecked Sendable`.
public final class RequantizationTable: @unchecked Sendable {
    /// `bias[c] − x_zp · Σ_i w[c, i]`.
    public let biasAdjusted: UnsafeMutablePointer<Int32>
    /// Left shifts, `max(shift, 0)`.
    public let leftShifts: UnsafeMutablePointer<Int32>
    /// Whether any channel shifts left (most layers have multipliers below 1, so the vector path skips it).
    public let shiftsLeft: Bool
    /// Q31 multipliers.
    public let multipliers: UnsafeMutablePointer<UInt32>
    /// Accumulators below this value give a negative high product: `−⌊2^30 / M⌋`, or `Int32.min` for `M = 0`.
    public let negativeBelow: UnsafeMutablePointer<Int32>
    /// `2^63 + 2^30 + 2^(30+r)·[r > 0] − 2^31·M`, modulo 2^64.
    public let addends: UnsafeMutablePointer<UInt64>
    /// `2^31` with a right shift, else 0: subtracted for a negative high product (ties away from zero).
    public let corrections: UnsafeMutablePointer<UInt64>
    /// `31 + r`.
    public let shifts: UnsafeMutablePointer<UInt64>
    /// `2^(63 − 31 − r)` modulo 2^32: what the `2^63` bias leaves after the shift.
    public let unbias: UnsafeMutablePointer<Int32>
    /// Right shifts `r = max(−shift, 0)`, for the signed form (TFLite's own steps) of the AVX2 build.
    public let rightShifts: UnsafeMutablePointer<Int32>
    /// `2^r − 1`: the remainder bits of the rounding divide in the signed form.
    public let remainderMasks: UnsafeMutablePointer<Int32>
    /// The output's zero point.
    public let zeroPoint: Int32
    /// The activation's range minus the zero point.
    public let lower: Int32
    /// The activation's range minus the zero point.
    public let upper: Int32

    /// Constants for channels with the given bias (already adjusted for the input zero point) and TFLite
    /// `(multiplier, shift)` pairs, writing int8 values clamped to `bounds` with `zeroPoint`.
    public init(
        biasAdjusted bias: [Int32],
        factors: [(multiplier: Int32, shift: Int32)],
        zeroPoint: Int32,
        bounds: ClosedRange<Int32>
    ) {
        let padded = (bias.count + 7) / 8 * 8
        func allocate<Value: FixedWidthInteger>(_: Value.Type) -> UnsafeMutablePointer<Value> {
            let pointer = UnsafeMutablePointer<Value>.allocate(capacity: padded)
            pointer.initialize(repeating: 0, count: padded)
            return pointer
        }
        biasAdjusted = allocate(Int32.self)
        leftShifts = allocate(Int32.self)
        multipliers = allocate(UInt32.self)
        negativeBelow = allocate(Int32.self)
        addends = allocate(UInt64.self)
        corrections = allocate(UInt64.self)
        shifts = allocate(UInt64.self)
        unbias = allocate(Int32.self)
        rightShifts = allocate(Int32.self)
        remainderMasks = allocate(Int32.self)
        for (channel, (multiplier, shift)) in factors.enumerated() {
            biasAdjusted[channel] = bias[channel]
            let right = UInt64(max(-shift, 0))
            let product = UInt64(multiplier)
            leftShifts[channel] = max(shift, 0)
            multipliers[channel] = UInt32(multiplier)
            negativeBelow[channel] = multiplier == 0 ? .min : -Int32((1 << 30) / Int64(multiplier))
            let rounding: UInt64 = right > 0 ? 1 << (30 + right) : 0
            addends[channel] = (1 << 63) &+ (1 << 30) &+ rounding &- (product << 31)
            corrections[channel] = right > 0 ? 1 << 31 : 0
            shifts[channel] = 31 + right
            unbias[channel] = Int32(truncatingIfNeeded: UInt64(1) << (32 - right))
            rightShifts[channel] = Int32(right)
            remainderMasks[channel] = Int32(truncatingIfNeeded: (UInt64(1) << right) - 1)
        }
        shiftsLeft = factors.contains { $0.shift > 0 }
        self.zeroPoint = zeroPoint
        lower = bounds.lowerBound - zeroPoint
        upper = bounds.upperBound - zeroPoint
    }

    deinit {
        biasAdjusted.deallocate()
        leftShifts.deallocate()
        multipliers.deallocate()
        negativeBelow.deallocate()
        addends.deallocate()
        corrections.deallocate()
        shifts.deallocate()
        unbias.deallocate()
        rightShifts.deallocate()
        remainderMasks.deallocate()
    }

    /// The int8 output (stored as int16) of channel `channel` for the raw product sum `products`.
    public func output(_ products: Int32, _ channel: Int) -> Int16 {
        let x = (biasAdjusted[channel] &+ products) &<< leftShifts[channel]
        let unsigned = UInt64(UInt32(bitPattern: x) ^ 0x8000_0000)
        let correction = x < negativeBelow[channel] ? corrections[channel] : 0
        let total = unsigned &* UInt64(multipliers[channel]) &+ addends[channel] &- correction
        let value = Int32(truncatingIfNeeded: total &>> shifts[channel]) &- unbias[channel]
        return Int16(truncatingIfNeeded: min(max(value, lower), upper) &+ zeroPoint)
    }
}
