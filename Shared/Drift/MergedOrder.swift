/// The order-preserving integer image of a double.
enum MergedOrder {
    /// The bit pattern of `value` flipped so that unsigned integer order is numeric order, with −0.0 mapped to the
    /// key of +0.0 as the two compare equal.
    /// The keys of `values` in their order, followed by a sentinel `UInt64.max`, larger than the key of any number.
    static func keys(_ values: UnsafeBufferPointer<Double>) -> [UInt64] {
        var keys = [UInt64](repeating: .max, count: values.count + 1)
        for (index, value) in values.enumerated() { keys[index] = key(value) }
        return keys
    }

    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = (value + 0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
