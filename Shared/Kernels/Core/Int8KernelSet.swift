/// One compiled set of int8 kernels: the same Swift source built for a given instruction set (baseline x86-64 or
/// AArch64, or AVX2), so that a caller picks the set the CPU runs at run time. Every set gives
/// results equal bit for bit: the kernels sum exact int32 products and requantize with integer arithmetic only.
public struct Int8KernelSet: Sendable {
    /// The instruction set the kernels were compiled for: `"generic"` or `"avx2"`.
    public let name: String

    /// `output[r] = requantize(layer.weights · input[r])` for the rows of ``MatrixOperands``.
    public let matrix: @Sendable (_ layer: PackedLayer, _ operands: MatrixOperands) -> Void

    /// A kernel set from its parts; each kernel module builds its own.
    public init(name: String, matrix: @escaping @Sendable (PackedLayer, MatrixOperands) -> Void) {
        self.name = name
        self.matrix = matrix
    }
}

/// Where a matrix kernel reads and writes.
///
/// Row `r` of the input starts at `input + r · inputStride`; the kernel reads `layer.paddedDepth` int16 values from
/// it (values past `layer.depth` meet zero weights, so they only need to be readable). Row `r` of the output,
/// `layer.columns` values, starts at `output + r · outputStride`; nothing past them is written. Values are int8 held as
/// int16.
public struct MatrixOperands {
    /// The first input row.
    public var input: UnsafePointer<Int16>
    /// Values from one input row to the next.
    public var inputStride: Int
    /// Rows to multiply.
    public var rows: Int
    /// The first output row.
    public var output: UnsafeMutablePointer<Int16>
    /// Values from one output row to the next.
    public var outputStride: Int

    /// Operands from their parts.
    public init(
        input: UnsafePointer<Int16>,
        inputStride: Int,
        rows: Int,
        output: UnsafeMutablePointer<Int16>,
        outputStride: Int
    ) {
        self.input = input
        self.inputStride = inputStride
        self.rows = rows
        self.output = output
        self.outputStride = outputStride
    }
}
