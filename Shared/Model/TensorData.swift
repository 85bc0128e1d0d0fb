/// Builds the data section of an artifact: tensors appended one after another, each at a 4-byte-aligned offset.
struct TensorDataWriter {
    private(set) var data: [UInt8] = []
    private(set) var tensors: [TensorInfo] = []

    mutating func append(_ name: String, _ values: [Float], shape: [Int]) {
        append(name, .float32, shape: shape, bytes: values.flatMap { $0.bitPattern.littleEndianBytes }, scales: nil)
    }

    /// Appends int8 weights and, as the float32 tensor `name.scales`, their per-channel scales.
    mutating func append(_ name: String, _ values: [Int8], shape: [Int], channelScales: [Float]) {
        let scales = name + ".scales"
        append(name, .int8, shape: shape, bytes: values.map { UInt8(bitPattern: $0) }, scales: scales)
        append(scales, channelScales, shape: [channelScales.count])
    }

    mutating func append(_ name: String, _ values: [Int32], shape: [Int]) {
        append(
            name,
            .int32,
            shape: shape,
            bytes: values.flatMap { UInt32(bitPattern: $0).littleEndianBytes },
            scales: nil
        )
    }

    private mutating func append(
        _ name: String,
        _ type: TensorDataType,
        shape: [Int],
        bytes: [UInt8],
        scales: String?
    ) {
        data += [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
        let size = type.size
        let elements = bytes.count / size
        let isZero = (0..<elements).map { element in
            bytes[(element * size)..<((element + 1) * size)].allSatisfy { $0 == 0 }
        }
        let zeros = isZero.count { $0 }
        // A bitmap costs one bit per element and saves every zero element: worth it past one zero in eight bytes.
        var stored = bytes
        var encoding: TensorEncoding?
        if zeros * size > (elements + 7) / 8 {
            var bitmap = [UInt8](repeating: 0, count: (elements + 7) / 8)
            var values: [UInt8] = []
            for element in 0..<elements where !isZero[element] {
                bitmap[element / 8] |= 1 << (element % 8)
                values += bytes[(element * size)..<((element + 1) * size)]
            }
            stored = bitmap + values
            encoding = .bitmap
        }
        tensors.append(
            TensorInfo(
                name: name,
                dataType: type,
                shape: shape,
                offset: data.count,
                byteCount: stored.count,
                channelScales: scales,
                encoding: encoding
            )
        )
        data += stored
    }
}

extension ModelArtifact {
    /// The tensor called `name`, which the validated manifest guarantees to exist for every layer reference.
    func tensor(_ name: String) -> TensorInfo {
        manifest.tensors.first { $0.name == name }!
    }

    /// The elements of `tensor` as dense little-endian bytes, a bitmap-encoded tensor expanded with zeros.
    func denseBytes(_ tensor: TensorInfo) -> [UInt8] {
        let stored = data[tensor.offset..<(tensor.offset + tensor.byteCount)]
        guard tensor.encoding == .bitmap else { return Array(stored) }
        let elements = tensor.elementCount
        let size = tensor.dataType.size
        var dense = [UInt8](repeating: 0, count: elements * size)
        var next = stored.startIndex + (elements + 7) / 8
        for element in 0..<elements where stored[stored.startIndex + element / 8] & (1 << (element % 8)) != 0 {
            dense.replaceSubrange((element * size)..<((element + 1) * size), with: stored[next..<(next + size)])
            next += size
        }
        return dense
    }

    /// The float32 values of `tensor`.
    func floats(_ tensor: TensorInfo) -> [Float] {
        let bytes = denseBytes(tensor)
        return stride(from: 0, to: bytes.count, by: 4).map {
            Float(bitPattern: UInt32(littleEndianBytes: bytes[$0..<($0 + 4)]))
        }
    }

    /// The int8 values of `tensor`.
    func int8s(_ tensor: TensorInfo) -> [Int8] {
        denseBytes(tensor).map { Int8(bitPattern: $0) }
    }

    /// The int32 values of `tensor`.
    func int32s(_ tensor: TensorInfo) -> [Int32] {
        let bytes = denseBytes(tensor)
        return stride(from: 0, to: bytes.count, by: 4).map {
            Int32(bitPattern: UInt32(littleEndianBytes: bytes[$0..<($0 + 4)]))
        }
    }
}
