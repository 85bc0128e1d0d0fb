/// The weights of a dense or convolution layer laid out for the matrix kernels, with its requantization constants.
///
/// Weights are int8 values widened to int16, one row of `paddedDepth` values per output column, zero beyond the
/// layer's depth and in the padding columns: a kernel multiplies 16 consecutive inputs by 16 weights of a column in
/// one multiply-add of adjacent int16 pairs (x86 `pmaddwd`) and
/// sums the lanes once at the end.
///
/// Immutable after init and owns its memory, hence `@unchecked Sendable`.
public final class PackedLayer: @unchecked Sendable {
    /// Inputs are read in steps of this many values, so the depth is padded to a multiple of it.
    public static let depthStep = 16
    /// Output columns are padded to a multiple of this.
    public static let columnBlock = 8

    /// Input values per row.
    public let depth: Int
    /// `depth` rounded up to a multiple of ``depthStep``: a kernel reads this many values of every input row, so
    /// the memory after a row must be readable (its values meet zero weights).
    public let paddedDepth: Int
    /// Output columns (units or filters).
    public let columns: Int
    /// `columns` rounded up to a multiple of ``columnBlock``.
    public let paddedColumns: Int
    /// The weights, `paddedColumns · paddedDepth` values, column after column.
    public let weights: UnsafeMutablePointer<Int16>
    /// How raw sums become int8 outputs.
    public let table: RequantizationTable

    /// Bytes of scratch a matrix kernel needs for this layer: the int32 sums of two rows.
    public var scratchBytes: Int { 2 * paddedColumns * 4 }

    /// Packs `weight(column, index)` for every column and input index below `depth`.
    public init(depth: Int, columns: Int, table: RequantizationTable, weight: (_ column: Int, _ index: Int) -> Int8) {
        self.depth = depth
        self.columns = columns
        self.table = table
        paddedDepth = (depth + Self.depthStep - 1) / Self.depthStep * Self.depthStep
        paddedColumns = (columns + Self.columnBlock - 1) / Self.columnBlock * Self.columnBlock
        let count = paddedColumns * paddedDepth
        weights = .allocate(capacity: count)
        weights.initialize(repeating: 0, count: count)
        for column in 0..<columns {
            for index in 0..<depth { weights[column * paddedDepth + index] = Int16(weight(column, index)) }
        }
    }

    deinit { weights.deallocate() }
}
