/// The weights of a dense or convolution layer laid out for the matrix kernels, with its requantization constants.
///
/// Weights are int8 values widened to int16, in blocks of ``columnBlock`` output columns. Within a block, each pair
/// of adjacent inputs `(2p, 2p + 1)` holds 32 values: for each of the 16 columns, its weights for those two inputs.
/// A kernel broadcasts the input pair to every lane and multiplies it with 8 columns' pairs in one multiply-add of
/// adjacent int16 pairs (x86 `pmaddwd`), so each int32 lane accumulates one output channel and no lanes need summing
/// at the end. Weights are zero beyond the layer's depth and in the padding columns.
///
/// Immutable after init and owns its memory, hence `@unchecked Sendable`.
public final class PackedLayer: @unchecked Sendable {
    /// Inputs are read in pairs, so the depth is padded to a multiple of this.
    public static let depthStep = 2
    /// Output columns are padded to a multiple of this: a kernel tile covers this many columns.
    public static let columnBlock = 16

    /// Input values per row.
    public let depth: Int
    /// `depth` rounded up to a multiple of ``depthStep``: a kernel reads this many values of every input row, so
    /// the memory after a row must be readable (its values meet zero weights).
    public let paddedDepth: Int
    /// Output columns (units or filters).
    public let columns: Int
    /// `columns` rounded up to a multiple of ``columnBlock``.
    public let paddedColumns: Int
    /// The weights, `paddedColumns · paddedDepth` values: block after block of ``columnBlock`` columns, each
    /// `paddedDepth / 2` groups of 32 values (column-major pairs, see the type's description).
    public let weights: UnsafeMutablePointer<Int16>
    /// How raw sums become int8 outputs.
    public let table: RequantizationTable

    /// Packs `weight(column, index)` for every column and input index below `depth`.
    public init(depth: Int, columns: Int, table: RequantizationTable, weight: (_ column: Int, _ index: Int) -> Int8) {
        self.depth = depth
        self.columns = columns
        self.table = table
        paddedDepth = (depth + Self.depthStep - 1) / Self.depthStep * Self.depthStep
        paddedColumns = (columns + Self.columnBlock - 1) / Self.columnBlock * Self.columnBlock
        let count = paddedColumns * paddedDepth
        // Cache-line aligned, so that no 32-byte load of a block straddles two lines.
        weights = UnsafeMutableRawPointer.allocate(byteCount: count * 2, alignment: 64).initializeMemory(
            as: Int16.self,
            repeating: 0,
            count: count
        )
        let block = Self.columnBlock
        for column in 0..<columns {
            let start = column / block * block * paddedDepth + column % block * 2
            for index in 0..<depth {
                weights[start + index / 2 * 2 * block + index % 2] = Int16(weight(column, index))
            }
        }
    }

    deinit { weights.deallocate() }
}
