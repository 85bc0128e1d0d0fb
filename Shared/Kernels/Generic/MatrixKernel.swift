import EdgeKernelCore

/// `output = requantize(weights · input)` over rows of int16-held int8 values (``Int8KernelSet/matrix``).
///
/// Tiles of 2 rows × 4 columns keep eight int32 accumulators in registers: per 16 inputs, two input loads and four
/// weight loads feed eight multiply-adds of adjacent int16 pairs (`pmaddwd`: two 128-bit ones each in the baseline
/// build, one 256-bit one in the AVX2 build);
/// the lanes of each accumulator are summed once per tile. Each pair of rows is requantized at once, while its sums
/// are hot.
///
/// Codegen notes, checked with `objdump` on the release build: LLVM forms 256-bit multiply-adds of a shared operand
/// only from this lane layout (inputs and weights both contiguous; an input pair broadcast to all lanes turns into
/// `pmulld`), and only when the tiles stay separate functions (``PairArithmetic``).
///
/// Products of int8 values and their pair sums are exact in int32, and int32 sums wrap identically in any order,
/// so results equal the scalar loop bit for bit.
enum MatrixKernel {
    static func run(_ layer: PackedLayer, _ operands: MatrixOperands) {
        let (input, inputStride, rows) = (operands.input, operands.inputStride, operands.rows)
        let (output, outputStride) = (operands.output, operands.outputStride)
        let scratch = operands.scratch
        let padded = layer.paddedColumns
        let stride = layer.paddedDepth
        let weights = UnsafePointer(layer.weights)
        let sums = scratch.assumingMemoryBound(to: Int32.self)
        var row = 0
        while row &+ 2 <= rows {
            let first = input + row &* inputStride
            var column = 0
            while column < padded {
                let block = weights + column &* stride
                tile2x4(first, first + inputStride, block, stride, sums + column, sums + (padded &+ column))
                column &+= 4
            }
            Requantize.row(sums, layer, into: output + row &* outputStride)
            Requantize.row(sums + padded, layer, into: output + (row &+ 1) &* outputStride)
            row &+= 2
        }
        if row < rows {
            let first = input + row &* inputStride
            var column = 0
            while column < padded {
                tile1x4(first, weights + column &* stride, stride, sums + column)
                column &+= 4
            }
            Requantize.row(sums, layer, into: output + row &* outputStride)
        }
    }

    /// Rows `x0` and `x1` times the four weight rows from `w` (`stride` values each), into `sums0` and `sums1`.
    @inline(never)
    private static func tile2x4(
        _ x0: UnsafePointer<Int16>,
        _ x1: UnsafePointer<Int16>,
        _ w: UnsafePointer<Int16>,
        _ stride: Int,
        _ sums0: UnsafeMutablePointer<Int32>,
        _ sums1: UnsafeMutablePointer<Int32>
    ) {
        typealias P = PairArithmetic
        var (a, b) = (P.zero, P.zero)
        var index = 0
        while index < stride {
            let (first, second) = (P.load(x0 + index), P.load(x1 + index))
            let block = P.load(w + index, stride: stride)
            P.accumulate(first, block, into: &a)
            P.accumulate(second, block, into: &b)
            index &+= 16
        }
        P.store(P.horizontalSums(a), sums0)
        P.store(P.horizontalSums(b), sums1)
    }

    /// Row `x` times the four weight rows from `w` (`stride` values each), into `sums`.
    @inline(never)
    private static func tile1x4(
        _ x: UnsafePointer<Int16>,
        _ w: UnsafePointer<Int16>,
        _ stride: Int,
        _ sums: UnsafeMutablePointer<Int32>
    ) {
        typealias P = PairArithmetic
        var a = P.zero
        var index = 0
        while index < stride {
            P.accumulate(P.load(x + index), P.load(w + index, stride: stride), into: &a)
            index &+= 16
        }
        P.store(P.horizontalSums(a), sums)
    }
}
