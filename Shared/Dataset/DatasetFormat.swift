/// The layout of a dataset file (`.efds`), version 1. All integers little endian.
///
///     header  "EFDS" | u16 version (1) | u16 flags (0)
///     block*  u32 compressed bytes C | u32 decompressed bytes U | u32 records R | C bytes: one zlib stream of U bytes
///     end     u32 0 | u64 total records (the sum of every block's R); nothing may follow
///
/// A decompressed block is R records back to back:
///
///     u8 length, device id | u8 length, sensor | u8 length, label | u32 length F, F bytes: the frame in the `SF1`
///     binary form of `SensorFrame` (ts, hz, axis names, float32 samples axis-major)
///
/// Blocks keep both the writer's and the reader's memory bounded (at most ``maxBlockBytes`` each way), zlib's
/// Adler-32 catches damaged block bodies, and the end marker tells a complete file from a truncated one.
public enum DatasetFormat {
    /// The first four bytes of every dataset file, ASCII `EFDS`.
    public static let magic: [UInt8] = Array("EFDS".utf8)
    /// The format version this build writes and reads.
    public static let version: UInt16 = 1
    /// Bytes of the file header.
    static let headerBytes = 8
    /// Bytes of a block header (and of the end marker's first field, a block header's first field).
    static let blockHeaderBytes = 12
    /// Largest compressed or decompressed block the reader accepts, bytes.
    public static let maxBlockBytes = 64 * 1024 * 1024
    /// Decompressed bytes the writer gathers before it compresses and writes a block.
    static let targetBlockBytes = 4 * 1024 * 1024
    /// Suggested file name extension.
    public static let fileExtension = "efds"

    /// The file header.
    static var header: [UInt8] {
        var bytes = magic
        append(version, to: &bytes)
        append(UInt16(0), to: &bytes)
        return bytes
    }

    /// Appends `value` little endian.
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends one record: its names, then its frame in binary form.
    static func append(_ window: LabelledWindow, to bytes: inout [UInt8]) {
        for name in [window.device.rawValue, window.sensor, window.label] {
            bytes.append(UInt8(name.utf8.count))
            bytes.append(contentsOf: name.utf8)
        }
        let frame = window.frame.encode()
        append(UInt32(frame.count), to: &bytes)
        bytes.append(contentsOf: frame)
    }
}
