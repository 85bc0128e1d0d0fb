/// Requantization constants of one dense or convolution layer, per output channel, in memory owned by the table,
/// arranged so that eight channels requantize in SIMD registers with SSE2 instructions only.
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
final class RequantizationTable {
    let biasAdjusted: UnsafeMutablePointer<Int32>
    let leftShifts: UnsafeMutablePointer<Int32>
    /// Whether any channel shifts left (most layers have multipliers below 1, so the vector path skips it).
    let shiftsLeft: Bool
    let multipliers: UnsafeMutablePointer<UInt32>
    /// Accumulators below this value give a negative high product: `−⌊2^30 / M⌋`, or `Int32.min` for `M = 0`.
    let negativeBelow: UnsafeMutablePointer<Int32>
    /// `2^63 + 2^30 + 2^(30+r)·[r > 0] − 2^31·M`, modulo 2^64.
    let addends: UnsafeMutablePointer<UInt64>
    /// `2^31` with a right shift, else 0: subtracted for a negative high product (ties away from zero).
    let corrections: UnsafeMutablePointer<UInt64>
    /// `31 + r`.
    let shifts: UnsafeMutablePointer<UInt64>
    /// `2^(63 − 31 − r)` modulo 2^32: what the `2^63` bias leaves after the shift.
    let unbias: UnsafeMutablePointer<Int32>
    let zeroPoint: Int32
    /// The activation's range minus the zero point.
    let lower: Int32
    let upper: Int32

    init(_ layer: QuantizedGraph.Layer, activation: FusedActivation) {
        let channels = layer.bias.count
        let perChannel = layer.weights.count / channels
        let factors = Requantization.multipliers(
            input: layer.input,
            channelScales: layer.channelScales,
            output: layer.output
        )
        biasAdjusted = .allocate(capacity: channels)
        leftShifts = .allocate(capacity: channels)
        multipliers = .allocate(capacity: channels)
        negativeBelow = .allocate(capacity: channels)
        addends = .allocate(capacity: channels)
        corrections = .allocate(capacity: channels)
        shifts = .allocate(capacity: channels)
        unbias = .allocate(capacity: channels)
        for channel in 0..<channels {
            let sum = layer.weights[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(Int32(0)) {
                $0 &+ Int32($1)
            }
            (biasAdjusted + channel).initialize(to: layer.bias[channel] &- layer.input.zeroPoint &* sum)
            let (multiplier, shift) = factors[channel]
            let right = UInt64(max(-shift, 0))
            let product = UInt64(multiplier)
            (leftShifts + channel).initialize(to: max(shift, 0))
            (multipliers + channel).initialize(to: UInt32(multiplier))
            (negativeBelow + channel).initialize(to: multiplier == 0 ? .min : -Int32((1 << 30) / Int64(multiplier)))
            let rounding: UInt64 = right > 0 ? 1 << (30 + right) : 0
            (addends + channel).initialize(to: (1 << 63) &+ (1 << 30) &+ rounding &- (product << 31))
            (corrections + channel).initialize(to: right > 0 ? 1 << 31 : 0)
            (shifts + channel).initialize(to: 31 + right)
            (unbias + channel).initialize(to: Int32(truncatingIfNeeded: UInt64(1) << (32 - right)))
        }
        shiftsLeft = factors.contains { $0.shift > 0 }
        let bounds = Requantization.bounds(activation, layer.output)
        zeroPoint = layer.output.zeroPoint
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
    }

    /// The int8 output (stored as int16) of channel `channel` for the raw product sum `products`.
    @inline(__always)
    func output(_ products: Int32, _ channel: Int) -> Int16 {
        let x = (biasAdjusted[channel] &+ products) &<< leftShifts[channel]
        let unsigned = UInt64(UInt32(bitPattern: x) ^ 0x8000_0000)
        let correction = x < negativeBelow[channel] ? corrections[channel] : 0
        let total = unsigned &* UInt64(multipliers[channel]) &+ addends[channel] &- correction
        let value = Int32(truncatingIfNeeded: total &>> shifts[channel]) &- unbias[channel]
        return Int16(truncatingIfNeeded: min(max(value, lower), upper) &+ zeroPoint)
    }

    /// ``output(_:_:)`` of the eight channels from `channel` on.
    @inline(__always)
    func output8(_ products: SIMD8<Int32>, _ channel: Int) -> SIMD8<Int16> {
        let scaled = SIMD8(
            lowHalf: scaled4(products.lowHalf, channel),
            highHalf: scaled4(products.highHalf, channel &+ 4)
        )
        // Saturating to int16 keeps every value that survives the clamp (x86's packssdw, pmaxsw, pminsw).
        let saturated = scaled.clamped(lowerBound: SIMD8(repeating: -32_768), upperBound: SIMD8(repeating: 32_767))
        let narrow = SIMD8<Int16>(truncatingIfNeeded: saturated)
        let clamped = narrow.clamped(
            lowerBound: SIMD8(repeating: Int16(truncatingIfNeeded: lower)),
            upperBound: SIMD8(repeating: Int16(truncatingIfNeeded: upper))
        )
        return clamped &+ SIMD8(repeating: Int16(truncatingIfNeeded: zeroPoint))
    }

    /// The requantized value before the zero point and clamp, for the four channels from `channel` on.
    @inline(__always)
    private func scaled4(_ products: SIMD4<Int32>, _ channel: Int) -> SIMD4<Int32> {
        var x = Self.load(biasAdjusted + channel) &+ products
        if shiftsLeft { x &<<= Self.load(leftShifts + channel) }
        let unsigned = SIMD4<UInt32>(truncatingIfNeeded: x) ^ 0x8000_0000
        let negative = SIMD4<Int32>().replacing(with: -1, where: x .< Self.load(negativeBelow + channel))
        let factors: SIMD4<UInt32> = Self.load(multipliers + channel)
        let low = floored(unsigned.lowHalf, factors.lowHalf, negative.lowHalf, channel)
        let high = floored(unsigned.highHalf, factors.highHalf, negative.highHalf, channel &+ 2)
        return SIMD4<Int32>(truncatingIfNeeded: SIMD4(lowHalf: low, highHalf: high)) &- Self.load(unbias + channel)
    }

    /// `⌊(u·M + addend − correction·[negative]) / 2^shift⌋` for two channels.
    @inline(__always)
    private func floored(
        _ unsigned: SIMD2<UInt32>,
        _ factors: SIMD2<UInt32>,
        _ negative: SIMD2<Int32>,
        _ channel: Int
    ) -> SIMD2<UInt64> {
        let product = SIMD2<UInt64>(truncatingIfNeeded: unsigned) &* SIMD2<UInt64>(truncatingIfNeeded: factors)
        let mask = SIMD2<UInt64>(truncatingIfNeeded: SIMD2<Int64>(truncatingIfNeeded: negative))
        let total = product &+ Self.load(addends + channel) &- (Self.load(corrections + channel) & mask)
        return total &>> Self.load(shifts + channel)
    }

    @inline(__always)
    private static func load<Vector: SIMD>(_ pointer: UnsafePointer<Vector.Scalar>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    private static func load<Vector: SIMD>(_ pointer: UnsafeMutablePointer<Vector.Scalar>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    /// ``output(_:_:)`` for the `count` channels whose raw sums are at `sums`, written to `y`: eight at a time in
    /// SIMD registers, the rest one by one.
    @inline(__always)
    func requantize(_ sums: UnsafePointer<Int32>, count: Int, into y: UnsafeMutablePointer<Int16>) {
        var channel = 0
        while channel &+ 8 <= count {
            let products = UnsafeRawPointer(sums + channel).loadUnaligned(as: SIMD8<Int32>.self)
            UnsafeMutableRawPointer(y + channel).storeBytes(of: output8(products, channel), as: SIMD8<Int16>.self)
            channel &+= 8
        }
        while channel < count {
            y[channel] = output(sums[channel], channel)
            channel &+= 1
        }
    }
}
