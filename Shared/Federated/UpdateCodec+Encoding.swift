extension UpdateCodec {
    /// Encodes a delta (or any parameter set) as `encoding` says.
    /// - Throws: ``UpdateCodecError`` `.badEncoding` for a top-k fraction outside (0, 1], `.badValue` for a
    ///   non-finite value, `.badShape` for a rank above 8, `.limitExceeded` for more than 65,535 layers, a name over
    ///   65,535 bytes or a dimension over 2³² − 1, `.badName` for an empty name.
    public static func encode(
        _ parameters: ModelParameters,
        as encoding: UpdateEncoding
    ) throws(UpdateCodecError)
        -> [UInt8]
    {
        if let fraction = encoding.topKFraction, !(fraction > 0 && fraction <= 1) {
            throw UpdateCodecError(.badEncoding, "top-k fraction \(fraction) is not in (0, 1]")
        }
        guard parameters.layers.count <= Int(UInt16.max) else {
            throw UpdateCodecError(.limitExceeded, "\(parameters.layers.count) layers, the format carries 65535")
        }
        var flags: UInt8 = 0
        if encoding.quantization == .int8 { flags |= Flag.int8 }
        if encoding.topKFraction != nil { flags |= Flag.sparse }
        var bytes = magic
        bytes.append(version)
        bytes.append(flags)
        bytes.appendLittleEndian(UInt16(parameters.layers.count))
        for layer in parameters.layers {
            try appendHeader(of: layer, to: &bytes)
            var values = layer.values
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw UpdateCodecError(.badValue, "\(layer.name)[\(bad)] is \(values[bad])")
            }
            if encoding.topKFraction != nil {
                let kept = largestMagnitudes(values, count: encoding.keptCount(of: values.count))
                bytes.appendLittleEndian(UInt32(kept.count))
                for index in kept { bytes.appendLittleEndian(UInt32(index)) }
                values = kept.map { values[$0] }
            }
            switch encoding.quantization {
            case .float32:
                for value in values { bytes.appendLittleEndian(value.bitPattern) }
            case .int8:
                let (scale, quantized) = Int8Quantization.quantize(values)
                bytes.appendLittleEndian(scale.bitPattern)
                bytes.append(contentsOf: quantized.map { UInt8(bitPattern: $0) })
            }
        }
        return bytes
    }

    /// Name, rank and dimensions of `layer`.
    private static func appendHeader(of layer: ParameterTensor, to bytes: inout [UInt8]) throws(UpdateCodecError) {
        let name = Array(layer.name.utf8)
        guard !name.isEmpty else { throw UpdateCodecError(.badName, "a layer has an empty name") }
        guard name.count <= Int(UInt16.max) else {
            throw UpdateCodecError(.limitExceeded, "layer name of \(name.count) bytes, the format carries 65535")
        }
        guard layer.shape.count <= maxRank else {
            throw UpdateCodecError(.badShape, "\(layer.name): rank \(layer.shape.count), the format carries \(maxRank)")
        }
        guard layer.shape.allSatisfy({ $0 <= Int(UInt32.max) }) else {
            throw UpdateCodecError(.limitExceeded, "\(layer.name): a dimension of \(layer.shape) exceeds 2^32 - 1")
        }
        bytes.appendLittleEndian(UInt16(name.count))
        bytes.append(contentsOf: name)
        bytes.append(UInt8(layer.shape.count))
        for dimension in layer.shape { bytes.appendLittleEndian(UInt32(dimension)) }
    }

    /// The indices of the `count` largest |values| (ties to the lower index), ascending.
    static func largestMagnitudes(_ values: [Float], count: Int) -> [Int] {
        guard count < values.count else { return Array(values.indices) }
        let ranked = values.indices.sorted { (abs(values[$0]), -$0) > (abs(values[$1]), -$1) }
        return ranked.prefix(count).sorted()
    }
}

extension Array where Element == UInt8 {
    /// Appends `value`'s bytes, least significant first.
    mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        var remaining = value.littleEndian
        Swift.withUnsafeBytes(of: &remaining) { append(contentsOf: $0) }
    }
}
