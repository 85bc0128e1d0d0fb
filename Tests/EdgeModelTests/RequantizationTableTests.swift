import EdgeKernelCore
@testable import EdgeModel
import TestSupport
import Testing

/// Channel scales whose multipliers shift left (wrapping int32 accumulators), not at all, a little right (where
/// rounding ties are frequent) and almost 31 bits right.
private let channelScales: [Float] = [
    3.7, 1.0, 0.75, 0.5, 0.3, 0.26, 0.126, 0.0625, 0.01, 1e-3, 3e-5, 1e-7, 1e-9, 4e-10, 2.2, 0.99, 0.5001, 0.17,
]

/// Accumulators over the whole int32 range and over small ranges, where ties of both roundings occur.
private func accumulators(_ random: inout SplitMix64) -> [Int32] {
    var values: [Int32] = [0, 1, -1, .min, .max, .min + 1, .max - 1]
    for bits in [31, 24, 16, 10, 6, 3] {
        for _ in 0..<2_000 {
            let raw = Int64(bitPattern: random.next()) >> (64 - bits)
            values.append(Int32(truncatingIfNeeded: raw))
        }
    }
    return values
}

/// The requantized outputs of a matrix kernel for raw sums `sums`: folded into the bias of a layer whose weights are
/// all zero, so the kernel requantizes exactly these accumulators.
private func kernelOutputs(
    _ sums: [Int32],
    _ factors: [(multiplier: Int32, shift: Int32)],
    _ output: QuantizationParameters,
    _ bounds: ClosedRange<Int32>,
    _ kernels: Int8KernelChoice
) -> (vector: [Int16], scalar: [Int16]) {
    let table = RequantizationTable(biasAdjusted: sums, factors: factors, zeroPoint: output.zeroPoint, bounds: bounds)
    let layer = PackedLayer(depth: 1, columns: sums.count, table: table) { _, _ in 0 }
    // The kernel reads a whole padded row of input.
    let input = [Int16](repeating: 0, count: layer.paddedDepth)
    var vector = [Int16](repeating: 0, count: sums.count)
    input.withUnsafeBufferPointer { row in
        vector.withUnsafeMutableBufferPointer { out in
            let operands = MatrixOperands(
                input: row.baseAddress!,
                inputStride: row.count,
                rows: 1,
                output: out.baseAddress!,
                outputStride: out.count
            )
            kernels.kernels.matrix(layer, operands)
        }
    }
    return (vector, sums.indices.map { table.output(0, $0) })
}

@Test(arguments: [FusedActivation.none, .relu, .relu6], kernelChoices)
func vectorRequantizationEqualsTFLiteArithmetic(activation: FusedActivation, kernels: Int8KernelChoice) {
    let output = QuantizationParameters(scale: 0.05, zeroPoint: -5)
    let channels = channelScales.count
    let input = QuantizationParameters(scale: 0.05, zeroPoint: 3)
    let factors = Requantization.multipliers(input: input, channelScales: channelScales, output: output)
    let bounds = Requantization.bounds(activation, output)
    #expect(factors.contains { $0.shift > 0 } && factors.contains { $0.shift < -25 })
    var random = SplitMix64(seed: 5)
    var sums = [Int32](repeating: 0, count: channels)
    var mismatches = 0
    var distinct = Set<Int16>()
    for value in accumulators(&random) {
        // Each channel sees a different accumulator, so every lane position meets every case.
        for channel in 0..<channels { sums[channel] = value &+ Int32(channel) &* 977 }
        let (vector, scalar) = kernelOutputs(sums, factors, output, bounds, kernels)
        for channel in 0..<channels {
            let scaled = FixedPoint.multiplyByQuantizedMultiplier(
                sums[channel],
                factors[channel].multiplier,
                factors[channel].shift
            )
            let expected = Int16(min(max(Int64(scaled) + Int64(output.zeroPoint), Int64(bounds.lowerBound)), 127))
            let clamped = min(expected, Int16(bounds.upperBound))
            if vector[channel] != clamped || scalar[channel] != clamped { mismatches += 1 }
            distinct.insert(clamped)
        }
    }
    #expect(mismatches == 0)
    // The outputs cover the activation's whole range, so the comparison is not between constants.
    #expect(distinct.count == bounds.count)
}

@Test(arguments: [Float(0.05), 0.1, 1, 0.0078125])
func vectorInputQuantizationEqualsScalar(scale: Float) {
    let parameters = QuantizationParameters(scale: scale, zeroPoint: -7)
    var random = SplitMix64(seed: 11)
    // Exact ties of both signs, their float neighbours, saturating and tiny values, and random ones.
    var values: [Float] = [0, -0.0, 1e30, -1e30, 1e-30, -1e-30, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
    for step in -300...300 {
        let tie = (Float(step) + 0.5) * scale
        values += [tie, tie.nextUp, tie.nextDown, Float(step) * scale]
    }
    for _ in 0..<4_000 { values.append(Float(Int64(bitPattern: random.next()) % 2_000_000) / 1e4 * scale) }
    var mismatches = 0
    for start in stride(from: 0, to: values.count - 3, by: 4) {
        let block = SIMD4(values[start], values[start + 1], values[start + 2], values[start + 3])
        let vector = Requantization.quantize4(block, parameters)
        for lane in 0..<4 where vector[lane] != Int32(Requantization.quantize(block[lane], parameters)) {
            mismatches += 1
        }
    }
    #expect(mismatches == 0)
}
