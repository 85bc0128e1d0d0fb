extension UpdateCodec {
    /// Decodes an update written by ``encode(_:as:)``; values not sent by a sparse encoding are 0.
    /// - Throws: ``UpdateCodecError``: `.truncated`, `.badMagic`, `.unsupportedVersion`, `.badEncoding` (unknown
    ///   flags), `.limitExceeded` (beyond `limits`), `.badName`, `.badShape`, `.badIndex`, `.badValue`,
    ///   `.trailingBytes`. Nothing is allocated before its size is checked against `limits` and the bytes left.
    public static func decode(_ bytes: [UInt8], limits: Limits = Limits()) throws(UpdateCodecError) -> ModelParameters {
        var cursor = ByteCursor(bytes)
        guard try Array(cursor.take(magic.count, for: "magic")) == magic else {
            throw UpdateCodecError(.badMagic, "the bytes do not start with FLUD")
        }
        let version = try cursor.read(UInt8.self, for: "version")
        guard version == Self.version else {
            throw UpdateCodecError(.unsupportedVersion, "version \(version), this build reads \(Self.version)")
        }
        let flags = try cursor.read(UInt8.self, for: "flags")
        guard flags & ~Flag.known == 0 else {
            throw UpdateCodecError(.badEncoding, "unknown flag bits in 0x\(String(flags, radix: 16))")
        }
        let layerCount = Int(try cursor.read(UInt16.self, for: "layer count"))
        guard layerCount <= limits.maxLayers else {
            throw UpdateCodecError(.limitExceeded, "\(layerCount) layers, the limit is \(limits.maxLayers)")
        }
        var layers: [ParameterTensor] = []
        var names = Set<String>()
        var elements = 0
        for _ in 0..<layerCount {
            let (name, shape, count) = try readHeader(&cursor, limits: limits, elementsSoFar: elements)
            guard names.insert(name).inserted else { throw UpdateCodecError(.badName, "layer \(name) appears twice") }
            elements += count
            let values = try readValues(&cursor, layer: name, count: count, flags: flags)
            layers.append(ParameterTensor(checkedName: name, shape: shape, values: values))
        }
        guard cursor.remaining == 0 else {
            throw UpdateCodecError(.trailingBytes, "\(cursor.remaining) bytes after the last layer")
        }
        return ModelParameters(checkedLayers: layers)
    }

    /// A layer's name, shape and element count, checked against the limits.
    private static func readHeader(
        _ cursor: inout ByteCursor,
        limits: Limits,
        elementsSoFar: Int
    ) throws(UpdateCodecError) -> (name: String, shape: [Int], count: Int) {
        let nameLength = Int(try cursor.read(UInt16.self, for: "name length"))
        guard nameLength > 0 else { throw UpdateCodecError(.badName, "empty layer name at offset \(cursor.offset)") }
        guard nameLength <= limits.maxNameBytes else {
            throw UpdateCodecError(.limitExceeded, "name of \(nameLength) bytes, the limit is \(limits.maxNameBytes)")
        }
        let nameBytes = try cursor.take(nameLength, for: "layer name")
        guard let name = String(validating: nameBytes, as: UTF8.self) else {
            throw UpdateCodecError(.badName, "layer name at offset \(cursor.offset - nameLength) is not UTF-8")
        }
        let rank = Int(try cursor.read(UInt8.self, for: "\(name) rank"))
        guard rank <= maxRank else { throw UpdateCodecError(.badShape, "\(name): rank \(rank) exceeds \(maxRank)") }
        var shape: [Int] = []
        for _ in 0..<rank { shape.append(Int(try cursor.read(UInt32.self, for: "\(name) dimension"))) }
        guard let count = ParameterTensor.elementCount(of: shape), count <= limits.maxElements - elementsSoFar else {
            throw UpdateCodecError(
                .limitExceeded,
                "\(name): shape \(shape) takes the update beyond \(limits.maxElements) elements"
            )
        }
        return (name, shape, count)
    }

    /// A layer's `count` dense values, from sparse indices if the flags say so.
    private static func readValues(
        _ cursor: inout ByteCursor,
        layer: String,
        count: Int,
        flags: UInt8
    ) throws(UpdateCodecError) -> [Float] {
        var indices: [UInt32]?
        var sent = count
        if flags & Flag.sparse != 0 {
            sent = Int(try cursor.read(UInt32.self, for: "\(layer) kept count"))
            guard sent <= count else {
                throw UpdateCodecError(.badIndex, "\(layer): \(sent) kept entries of \(count) elements")
            }
            let read = try cursor.readUInt32s(sent, for: "\(layer) indices")
            var previous = -1
            for index in read {
                guard Int(index) > previous, Int(index) < count else {
                    throw UpdateCodecError(
                        .badIndex,
                        "\(layer): index \(index) after \(previous) of \(count) elements"
                    )
                }
                previous = Int(index)
            }
            indices = read
        }
        let values = try readSentValues(&cursor, layer: layer, count: sent, int8: flags & Flag.int8 != 0)
        guard let indices else { return values }
        var dense = [Float](repeating: 0, count: count)
        for (index, value) in zip(indices, values) { dense[Int(index)] = value }
        return dense
    }

    /// `count` values as float32 or as a scale and int8s.
    private static func readSentValues(
        _ cursor: inout ByteCursor,
        layer: String,
        count: Int,
        int8: Bool
    ) throws(UpdateCodecError) -> [Float] {
        if int8 {
            let scale = try cursor.readFloat(for: "\(layer) scale")
            // 127 × scale must stay finite too.
            guard scale >= 0, scale <= Float.greatestFiniteMagnitude / 127 else {
                throw UpdateCodecError(.badValue, "\(layer): scale \(scale) is not in [0, 2.68e36]")
            }
            let quantized = try cursor.take(count, for: "\(layer) int8 values")
            guard !quantized.contains(0x80) else {
                throw UpdateCodecError(.badValue, "\(layer): int8 value -128 is outside [-127, 127]")
            }
            return quantized.map { Float(Int8(bitPattern: $0)) * scale }
        }
        let values = try cursor.readUInt32s(count, for: "\(layer) float32 values").map(Float.init(bitPattern:))
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw UpdateCodecError(.badValue, "\(layer): value \(bad) is \(values[bad])")
        }
        return values
    }
}
