import EdgeKernelCore

/// `output = requantize(weights · input)` over rows of int16-held int8 values (``Int8KernelSet/matrix``).
///
/// Each int32 lane accumulates one output channel: per pair of adjacent inputs, the pair is broadcast to all lanes
/// and multiplied with the pairs of weights of 8 columns (``PackedLayer``) in one multiply-add of adjacent int16
/// pairs (`pmaddwd`: two 128-bit ones in the baseline build, one 256-bit one in the AVX2 build). A tile of 2 rows ×
/// 16 columns keeps four accumulators in registers and requantizes them straight from there, eight channels at once,
/// so sums never go through memory and no lanes are summed across.
///
/// Codegen notes, checked with `objdump` on the release build: LLVM forms multiply-adds of the broadcast only when
/// the pair is broadcast as one int32 and reinterpreted as int16 lanes (a broadcast of int16 values turns into
/// `pmulld`), and only when the tiles stay separate functions (``PairArithmetic``).
///
/// Products of int8 values and their pair sums are exact in int32, and int32 sums wrap identically in any order,
/// so results equal the scalar loop bit for bit.
enum MatrixKernel {
    static func run(_ layer: PackedLayer, _ operands: MatrixOperands) {
        let (input, inputStride, rows) = (operands.input, operands.inputStride, operands.rows)
        let (output, outputStride) = (operands.output, operands.outputStride)
        let pairs = layer.paddedDepth / 2
        let blockValues = pairs &* 2 &* PackedLayer.columnBlock
        let weights = UnsafePointer(layer.weights)
        var row = 0
        #if EDGE_KERNELS_AVX2
        while row &+ 4 <= rows {
            let first = input + row &* inputStride
            let out = output + row &* outputStride
            var column = 0
            while column < layer.columns {
                let block = weights + column / PackedLayer.columnBlock &* blockValues
                tile4(first, inputStride, block, pairs, layer, column, out, outputStride)
                column &+= PackedLayer.columnBlock
            }
            row &+= 4
        }
        #endif
        while row &+ 2 <= rows {
            let first = input + row &* inputStride
            let out = output + row &* outputStride
            var column = 0
            while column < layer.columns {
                let block = weights + column / PackedLayer.columnBlock &* blockValues
                tile2(first, first + inputStride, block, pairs, layer, column, out, out + outputStride)
                column &+= PackedLayer.columnBlock
            }
            row &+= 2
        }
        if row < rows {
            let first = input + row &* inputStride
            let out = output + row &* outputStride
            var column = 0
            while column < layer.columns {
                tile1(first, weights + column / PackedLayer.columnBlock &* blockValues, pairs, layer, column, out)
                column &+= PackedLayer.columnBlock
            }
        }
    }

    #if EDGE_KERNELS_AVX2
    /// Four rows from `x` (`xStride` values apart) times the 16 columns from `column` (packed at `w`, `pairs` input
    /// pairs), requantized into four rows from `y` (`yStride` apart). Only in the AVX2 build, whose sixteen 256-bit
    /// registers hold the eight accumulators; the baseline build's 128-bit ones would spill them.
    @inline(never)
    private static func tile4(
        _ x: UnsafePointer<Int16>,
        _ xStride: Int,
        _ w: UnsafePointer<Int16>,
        _ pairs: Int,
        _ layer: PackedLayer,
        _ column: Int,
        _ y: UnsafeMutablePointer<Int16>,
        _ yStride: Int
    ) {
        typealias P = PairArithmetic
        var (a, b, c, d) = (P.zero, P.zero, P.zero, P.zero)
        let (x1, x2, x3) = (x + xStride, x + 2 &* xStride, x + 3 &* xStride)
        var pair = 0
        while pair < pairs {
            let block = P.load(w + pair &* 32)
            let offset = pair &* 2
            P.accumulate(P.broadcast(x + offset), block, into: &a)
            P.accumulate(P.broadcast(x1 + offset), block, into: &b)
            P.accumulate(P.broadcast(x2 + offset), block, into: &c)
            P.accumulate(P.broadcast(x3 + offset), block, into: &d)
            pair &+= 1
        }
        Requantize.store(a, layer, column, into: y)
        Requantize.store(b, layer, column, into: y + yStride)
        Requantize.store(c, layer, column, into: y + 2 &* yStride)
        Requantize.store(d, layer, column, into: y + 3 &* yStride)
    }
    #endif

    /// Rows `x0` and `x1` times the 16 columns from `column` (packed at `w`, `pairs` input pairs), requantized into
    /// `y0` and `y1`.
    @inline(never)
    private static func tile2(
        _ x0: UnsafePointer<Int16>,
        _ x1: UnsafePointer<Int16>,
        _ w: UnsafePointer<Int16>,
        _ pairs: Int,
        _ layer: PackedLayer,
        _ column: Int,
        _ y0: UnsafeMutablePointer<Int16>,
        _ y1: UnsafeMutablePointer<Int16>
    ) {
        typealias P = PairArithmetic
        var (a, b) = (P.zero, P.zero)
        var pair = 0
        while pair < pairs {
            let block = P.load(w + pair &* 32)
            P.accumulate(P.broadcast(x0 + pair &* 2), block, into: &a)
            P.accumulate(P.broadcast(x1 + pair &* 2), block, into: &b)
            pair &+= 1
        }
        Requantize.store(a, layer, column, into: y0)
        Requantize.store(b, layer, column, into: y1)
    }

    /// Row `x` times the 16 columns from `column` (packed at `w`, `pairs` input pairs), requantized into `y`.
    @inline(never)
    private static func tile1(
        _ x: UnsafePointer<Int16>,
        _ w: UnsafePointer<Int16>,
        _ pairs: Int,
        _ layer: PackedLayer,
        _ column: Int,
        _ y: UnsafeMutablePointer<Int16>
    ) {
        typealias P = PairArithmetic
        var a = P.zero
        var pair = 0
        while pair < pairs {
            P.accumulate(P.broadcast(x + pair &* 2), P.load(w + pair &* 32), into: &a)
            pair &+= 1
        }
        Requantize.store(a, layer, column, into: y)
    }
}
