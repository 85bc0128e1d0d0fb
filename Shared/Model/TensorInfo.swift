/// Where one tensor sits in the data section of an artifact, its element type and shape.
public struct TensorInfo: Codable, Sendable, Hashable {
    /// Unique name that layers refer to.
    public var name: String
    /// Element type.
    public var dataType: TensorDataType
    /// Dimensions, each ≥ 1.
    public var shape: [Int]
    /// Byte offset from the start of the data section.
    public var offset: Int
    /// Bytes: element count × element size.
    public var byteCount: Int
    /// For int8 weights, the per-output-channel scales (axis 0, zero point 0); nil otherwise.
    public var channelScales: [Float]?

    /// A tensor descriptor with every field given.
    public init(
        name: String,
        dataType: TensorDataType,
        shape: [Int],
        offset: Int,
        byteCount: Int,
        channelScales: [Float]? = nil
    ) {
        self.name = name
        self.dataType = dataType
        self.shape = shape
        self.offset = offset
        self.byteCount = byteCount
        self.channelScales = channelScales
    }

    enum CodingKeys: String, CodingKey {
        case name
        case dataType = "dtype"
        case shape
        case offset
        case byteCount = "byte_count"
        case channelScales = "channel_scales"
    }
}

/// Element type of a stored tensor; all little-endian.
public enum TensorDataType: String, Codable, Sendable, Hashable {
    /// IEEE 754 binary32.
    case float32
    /// Two's-complement 8-bit.
    case int8
    /// Two's-complement 32-bit.
    case int32

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32, .int32: 4
        case .int8: 1
        }
    }
}
