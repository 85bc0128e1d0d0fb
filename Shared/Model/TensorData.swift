/// Builds the data section of an artifact: tensors appended one after another, each at a 4-byte-aligned offset.
struct TensorDataWriter {
    private(set) var data: [UInt8] = []
    private(set) var tensors: [TensorInfo] = []

    mutating func append(_ name: String, _ values: [Float], shape: [Int]) {
        append(name, .float32, shape: shape, bytes: values.flatMap { $0.bitPattern.littleEndianBytes }, scales: nil)
    }

    mutating func append(_ name: String, _ values: [Int8], shape: [Int], channelScales: [Float]) {
        append(name, .int8, shape: shape, bytes: values.map { UInt8(bitPattern: $0) }, scales: channelScales)
    }

    mutating func append(_ name: String, _ values: [Int32], shape: [Int]) {
        append(name, .int32, shape: shape, bytes: values.flatMap { UInt32(bitPattern: $0).littleEndianBytes }, scales: nil)
    }

    private mutating func append(
        _ name: String,
        _ type: TensorDataType,
        shape: [Int],
        bytes: [UInt8],
        scales: [Float]?
    ) {
        data += [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
        tensors.append(
            TensorInfo(name: name, dataType: type, shape: shape, offset: data.count, byteCount: bytes.count, channelScales: scales)
        )
        data += bytes
    }
}

extension ModelArtifact {
    /// The tensor called `name`, which the validated manifest guarantees to exist for every layer reference.
    func tensor(_ name: String) -> TensorInfo {
        manifest.tensors.first { $0.name == name }!
    }

    /// The float32 values of `tensor`.
    func floats(_ tensor: TensorInfo) -> [Float] {
        stride(from: tensor.offset, to: tensor.offset + tensor.byteCount, by: 4).map {
            Float(bitPattern: UInt32(littleEndianBytes: data[$0..<($0 + 4)]))
        }
    }

    /// The int8 values of `tensor`.
    func int8s(_ tensor: TensorInfo) -> [Int8] {
        data[tensor.offset..<(tensor.offset + tensor.byteCount)].map { Int8(bitPattern: $0) }
    }

    /// The int32 values of `tensor`.
    func int32s(_ tensor: TensorInfo) -> [Int32] {
        stride(from: tensor.offset, to: tensor.offset + tensor.byteCount, by: 4).map {
            Int32(bitPattern: UInt32(littleEndianBytes: data[$0..<($0 + 4)]))
        }
    }
}
