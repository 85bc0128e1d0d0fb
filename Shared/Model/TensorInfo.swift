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
    /// For int8 weights, the name of the dense float32 tensor `[shape[0]]` that holds the per-output-channel scales
    /// (axis 0, zero point 0, each finite and > 0); nil otherwise. Stored as binary data rather than JSON numbers,
    /// the scales take 4 bytes each before compression instead of about 12.
    public var channelScales: String?
    /// How the elements are stored; nil means ``TensorEncoding/dense``.
    public var encoding: TensorEncoding?

    /// A tensor descriptor with every field given.
    public init(
        name: String,
        dataType: TensorDataType,
        shape: [Int],
        offset: Int,
        byteCount: Int,
        channelScales: String? = nil,
        encoding: TensorEncoding? = nil
    ) {
        self.name = name
        self.dataType = dataType
        self.shape = shape
        self.offset = offset
        self.byteCount = byteCount
        self.channelScales = channelScales
        self.encoding = encoding
    }

    /// Elements in the tensor (the product of a validated shape).
    public var elementCount: Int { shape.reduce(1, *) }

    enum CodingKeys: String, CodingKey {
        case name
        case dataType = "dtype"
        case shape
        case offset
        case byteCount = "byte_count"
        case channelScales = "channel_scales"
        case encoding
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

/// How a tensor's elements are laid out in the data section.
public enum TensorEncoding: String, Codable, Sendable, Hashable {
    /// Every element, in row-major order: `byteCount = elements × size`.
    case dense
    /// For pruned tensors: a bitmap of ⌈elements / 8⌉ bytes (bit `i % 8` of byte `i / 8` set when element `i` is
    /// non-zero; unused bits 0), then the non-zero elements in order: `byteCount = bitmap + nonZero × size`.
    case bitmap
}
