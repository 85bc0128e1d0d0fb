/// A dense row-major square matrix of doubles, for the Durbin matrix power in ``KolmogorovDistribution``.
struct SquareMatrix {
    let size: Int
    private(set) var entries: [Double]

    init(size: Int) {
        self.size = size
        entries = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for index in 0..<size { matrix[index, index] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { entries[row * size + column] }
        set { entries[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for index in entries.indices { entries[index] *= factor }
    }

    /// `self · other`.
    func multiplied(by other: SquareMatrix) -> SquareMatrix {
        var product = SquareMatrix(size: size)
        for row in 0..<size {
            for inner in 0..<size {
                let left = self[row, inner]
                if left == 0 { continue }
                for column in 0..<size { product[row, column] += left * other[inner, column] }
            }
        }
        return product
    }
}
