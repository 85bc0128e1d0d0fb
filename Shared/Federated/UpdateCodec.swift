/// A versioned binary form for model deltas sent from edge to hub (`fleet/{device}/fl/update`), compressed by the
/// caller (zlib). Little-endian throughout:
///
/// ```
/// "FLUD"  magic, 4 bytes
/// u8      version (1)
/// u8      flags: bit 0 = int8 values, bit 1 = sparse (top-k); other bits 0
/// u16     layer count
/// per layer:
///   u16 name length, UTF-8 name (non-empty, unique)
///   u8  rank (≤ 8), then u32 per dimension
///   if sparse: u32 k (≤ element count), then k u32 indices, strictly increasing
///   if int8:   f32 scale (finite, ≥ 0), then one i8 per value in [−127, 127]   (value = q × scale)
///   else:      one f32 per value (finite)
/// ```
/// Values are the k kept entries when sparse, else every element in row-major order. The decoder is strict: anything
/// else is a typed ``UpdateCodecError``, and it allocates nothing that ``Limits`` does not bound.
public enum UpdateCodec {
    /// The magic at the start of every encoded update.
    static let magic: [UInt8] = Array("FLUD".utf8)
    /// The format version this build writes and reads.
    public static let version: UInt8 = 1
    /// The largest rank the format carries.
    static let maxRank = 8

    /// Flag bits of the header.
    enum Flag {
        static let int8: UInt8 = 1
        static let sparse: UInt8 = 2
        static let known: UInt8 = int8 | sparse
    }

    /// What the decoder accepts at most, so hostile input cannot make it allocate without bound.
    public struct Limits: Sendable, Equatable {
        /// Layers in one update.
        public var maxLayers: Int
        /// Elements over all layers (dense count, whatever was sent).
        public var maxElements: Int
        /// UTF-8 bytes of one layer name.
        public var maxNameBytes: Int

        /// Creates limits; the defaults fit models up to 16 Mi parameters (64 MiB as float32).
        public init(maxLayers: Int = 4_096, maxElements: Int = 16 << 20, maxNameBytes: Int = 256) {
            self.maxLayers = maxLayers
            self.maxElements = maxElements
            self.maxNameBytes = maxNameBytes
        }
    }
}
