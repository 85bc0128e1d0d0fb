import EdgeKernelCore
@testable import EdgeModel
import TestSupport
import Testing

/// Sentinel left in output values a kernel must not write.
private let untouched: Int16 = 0x7777

/// A random int8 value, as the kernels hold it.
private func int8(_ random: inout SplitMix64) -> Int8 { Int8(truncatingIfNeeded: random.next()) }

/// One kernel run of a random `rows × depth` input through a random `depth → columns` layer, against the scalar
/// loop: raw int32 sums requantized by ``RequantizationTable/output(_:_:)``. Rows are `depth + 3` values apart (odd,
/// so pair loads are unaligned) and outputs `columns + 2` apart, whose gaps must stay untouched.
private func mismatches(
    depth: Int,
    columns: Int,
    rows: Int,
    _ kernels: Int8KernelChoice,
    _ random: inout SplitMix64
)
    -> Int
{
    let weights = (0..<(columns * depth)).map { _ in int8(&random) }
    let bias = (0..<columns).map { _ in Int32(truncatingIfNeeded: Int64(bitPattern: random.next()) >> 48) }
    let factors = (0..<columns).map { _ in FixedPoint.quantizeMultiplier(Double(random.next() % 1000 + 1) * 1e-5) }
    let table = RequantizationTable(biasAdjusted: bias, factors: factors, zeroPoint: -3, bounds: -128...127)
    let layer = PackedLayer(depth: depth, columns: columns, table: table) { weights[$0 * depth + $1] }
    let (inputStride, outputStride) = (depth + 3, columns + 2)
    // The kernel reads whole padded rows: the last one may end past the input.
    let input = (0..<(rows * inputStride + layer.paddedDepth)).map { _ in Int16(int8(&random)) }
    var output = [Int16](repeating: untouched, count: rows * outputStride)
    input.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer { y in
            let operands = MatrixOperands(
                input: x.baseAddress!,
                inputStride: inputStride,
                rows: rows,
                output: y.baseAddress!,
                outputStride: outputStride
            )
            kernels.kernels.matrix(layer, operands)
        }
    }
    var wrong = 0
    for row in 0..<rows {
        for column in 0..<outputStride {
            var expected = untouched
            if column < columns {
                var sum: Int32 = 0
                for index in 0..<depth {
                    sum &+= Int32(input[row * inputStride + index]) &* Int32(weights[column * depth + index])
                }
                expected = table.output(sum, column)
            }
            if output[row * outputStride + column] != expected { wrong += 1 }
        }
    }
    return wrong
}

/// The packed layout and every tile shape on sizes off their steps: depths not a multiple of the input pair
/// (including 1), column counts not a multiple of 8 or 16, and row counts leaving each remainder after four- and
/// two-row tiles.
@Test(arguments: kernelChoices)
func matrixKernelEqualsScalarLoopOnOddSizes(kernels: Int8KernelChoice) {
    var random = SplitMix64(seed: 11)
    for depth in [1, 2, 3, 15, 17, 80] {
        for columns in [1, 5, 8, 15, 16, 17, 33] {
            for rows in [1, 2, 3, 5, 6, 7, 257] {
                let wrong = mismatches(depth: depth, columns: columns, rows: rows, kernels, &random)
                #expect(wrong == 0, "depth \(depth), columns \(columns), rows \(rows)")
            }
        }
    }
}
