/// Coordinate-wise rules (median, trimmed mean, Bulyan's closest-to-median mean) see, for every parameter, the
/// column of the clients' values at that coordinate. This gathers columns block by block, one contiguous copy per
/// client and block, instead of striding through every client's array per coordinate.
enum CoordinateColumns {
    /// Coordinates gathered per block.
    static let blockLength = 1_024

    /// A model in `layout` whose every value is `rule(column)`, `column` being the clients' values at that coordinate
    /// in `updates`' order (the rule may reorder it in place).
    static func map(
        _ updates: [ClientUpdate],
        layout: ModelParameters,
        _ rule: (UnsafeMutableBufferPointer<Float>) -> Float
    ) -> ModelParameters {
        let clients = updates.count
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: clients * blockLength)
        defer { block.deallocate() }
        let column = UnsafeMutableBufferPointer<Float>.allocate(capacity: clients)
        defer { column.deallocate() }
        var layers = layout.layers
        for layerIndex in layers.indices {
            let count = layers[layerIndex].values.count
            var start = 0
            while start < count {
                let length = min(blockLength, count - start)
                for (client, update) in updates.enumerated() {
                    update.parameters.layers[layerIndex].values.withUnsafeBufferPointer { values in
                        for offset in 0..<length {
                            block[client * blockLength + offset] = values[start + offset]
                        }
                    }
                }
                for offset in 0..<length {
                    for client in 0..<clients {
                        column[client] = block[client * blockLength + offset]
                    }
                    layers[layerIndex].values[start + offset] = rule(column)
                }
                start += length
            }
        }
        return ModelParameters(checkedLayers: layers)
    }

    /// The median of `column` (numpy's: the mean of the two middle values for an even count); reorders it.
    static func median(_ column: UnsafeMutableBufferPointer<Float>) -> Float {
        var column = column
        column.sort()
        let count = column.count
        if count % 2 == 1 { return column[count / 2] }
        return Float((Double(column[count / 2 - 1]) + Double(column[count / 2])) / 2)
    }

    /// The mean of `values`, summed in float64.
    static func mean<Values: Sequence<Float>>(_ values: Values, count: Int) -> Float {
        Float(values.reduce(0.0) { $0 + Double($1) } / Double(count))
    }
}
