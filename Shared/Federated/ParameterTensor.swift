/// One named float32 tensor of a model (a layer's weights or bias), values in row-major order.
public struct ParameterTensor: Sendable, Equatable {
    /// The tensor's name, unique within a model (for example `dense_1.kernel`).
    public var name: String
    /// Dimensions, outermost first; an empty shape is a scalar.
    public var shape: [Int]
    /// The values, `shape.reduce(1, *)` of them.
    public var values: [Float]

    /// Creates a tensor.
    /// - Throws: ``AggregationError`` `.shapeMismatch` when a dimension is negative or the shape's element count is
    ///   not `values.count`.
    public init(name: String, shape: [Int], values: [Float]) throws(AggregationError) {
        guard let count = Self.elementCount(of: shape), count == values.count else {
            throw AggregationError(.shapeMismatch, "\(name): shape \(shape) does not hold \(values.count) values")
        }
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// Creates a tensor from parts already checked to agree.
    init(checkedName name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// The number of elements a shape holds, or nil when a dimension is negative or the product overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The same name and shape with other values (as many).
    func replacingValues(_ values: [Float]) -> ParameterTensor {
        ParameterTensor(checkedName: name, shape: shape, values: values)
    }
}
