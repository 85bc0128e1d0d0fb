import EdgeKernelCore

/// A pruned dense layer prepared for the interpreter in compressed sparse rows: per output unit, the columns and
/// int8 values (held as int16) of its non-zero weights. A scalar gather loop: it beats the SIMD dense kernel only
/// when few weights remain (``Interpreter/sparseDensityThreshold``, measured by `bench inference`).
final class SparseDenseStep {
    let units: Int
    let rowStarts: UnsafeMutablePointer<Int32>
    let columns: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Int16>
    let table: RequantizationTable

    /// Fraction of non-zero weights in `layer`.
    static func density(_ layer: QuantizedGraph.Layer) -> Double {
        Double(layer.weights.count { $0 != 0 }) / Double(max(layer.weights.count, 1))
    }

    init(_ layer: QuantizedGraph.Layer, _ spec: DenseSpec) {
        units = spec.units
        let inputs = layer.inputShape[0]
        let nonZero = layer.weights.count { $0 != 0 }
        rowStarts = .allocate(capacity: units + 1)
        columns = .allocate(capacity: max(nonZero, 1))
        values = .allocate(capacity: max(nonZero, 1))
        var next = 0
        for unit in 0..<units {
            (rowStarts + unit).initialize(to: Int32(next))
            for column in 0..<inputs where layer.weights[unit * inputs + column] != 0 {
                (columns + next).initialize(to: Int32(column))
                (values + next).initialize(to: Int16(layer.weights[unit * inputs + column]))
                next += 1
            }
        }
        (rowStarts + units).initialize(to: Int32(next))
        table = RequantizationTable(layer, activation: spec.activation)
    }

    @inline(__always)
    func run(_ x: UnsafePointer<Int16>, _ y: UnsafeMutablePointer<Int16>) {
        for unit in 0..<units {
            var sum: Int32 = 0
            var index = Int(rowStarts[unit])
            let end = Int(rowStarts[unit &+ 1])
            while index < end {
                sum &+= Int32(x[Int(columns[index])]) &* Int32(values[index])
                index &+= 1
            }
            y[unit] = table.output(sum, unit)
        }
    }

    deinit {
        rowStarts.deallocate()
        columns.deallocate()
        values.deallocate()
    }
}
