import WireProtocol
import ZlibCompression

/// Reads a dataset file (layout in ``DatasetFormat``) one block at a time, checking every length against the
/// bytes present and the reader's bounds, so a damaged or hostile file is a typed error, never a crash or an
/// unbounded allocation.
///
/// Iterate with ``next()`` until it returns nil (the end marker was read and checked), or use
/// ``readAll(path:maxWindows:)``.
public final class DatasetReader {
    /// The file being read.
    public let path: String
    /// Format version of the file.
    public let version: UInt16
    private let file: DatasetFile
    private var pending: [LabelledWindow] = []
    private var pendingIndex = 0
    private var blockIndex = 0
    private var recordsRead = 0
    private var finished = false

    /// Opens `path` and checks its header.
    ///
    /// - Throws: `DatasetError` `.io` when it cannot be opened, `.truncated` when shorter than the header,
    ///   `.badMagic` when it is not a dataset, `.unsupportedVersion` for another version or non-zero flags.
    public init(path: String) throws(DatasetError) {
        self.path = path
        file = try DatasetFile.reading(path)
        var cursor = ByteCursor(try file.read(DatasetFormat.headerBytes), path: path, place: "header")
        guard Array(try cursor.readBytes(4, "magic")) == DatasetFormat.magic else {
            throw DatasetError(.badMagic, path: path, "does not start with EFDS")
        }
        version = try cursor.read(UInt16.self, "version")
        let flags = try cursor.read(UInt16.self, "flags")
        guard version == DatasetFormat.version, flags == 0 else {
            throw DatasetError(
                .unsupportedVersion,
                path: path,
                "version \(version) flags \(flags); this build reads version \(DatasetFormat.version) flags 0"
            )
        }
    }

    /// The next window, or nil after the last one once the end marker has been checked.
    ///
    /// - Throws: `DatasetError` `.truncated`, `.corrupted`, `.oversized`, `.invalidRecord`, `.trailingData` or
    ///   `.io`, naming the block.
    public func next() throws(DatasetError) -> LabelledWindow? {
        while pendingIndex == pending.count {
            if finished { return nil }
            try readBlock()
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    /// Every window of the file at `path`, at most `maxWindows` of them.
    ///
    /// - Throws: what ``init(path:)`` and ``next()`` throw, and `.oversized` past `maxWindows`.
    public static func readAll(path: String, maxWindows: Int = 10_000_000) throws(DatasetError) -> [LabelledWindow] {
        let reader = try DatasetReader(path: path)
        var windows: [LabelledWindow] = []
        while let window = try reader.next() {
            guard windows.count < maxWindows else {
                throw DatasetError(.oversized, path: path, "more than \(maxWindows) windows")
            }
            windows.append(window)
        }
        return windows
    }

    private func readBlock() throws(DatasetError) {
        let place = "block \(blockIndex)"
        var header = ByteCursor(try file.read(4), path: path, place: place)
        let compressedBytes = Int(try header.read(UInt32.self, "compressed length"))
        guard compressedBytes > 0 else { return try readEnd() }
        header = ByteCursor(try file.read(DatasetFormat.blockHeaderBytes - 4), path: path, place: place)
        let decompressedBytes = Int(try header.read(UInt32.self, "decompressed length"))
        let records = Int(try header.read(UInt32.self, "record count"))
        guard compressedBytes <= DatasetFormat.maxBlockBytes, decompressedBytes <= DatasetFormat.maxBlockBytes else {
            throw DatasetError(
                .oversized,
                path: path,
                "\(place): \(compressedBytes) compressed, \(decompressedBytes) decompressed bytes; at most "
                    + "\(DatasetFormat.maxBlockBytes) each"
            )
        }
        // The smallest record is 3 one-letter names, a length and a one-sample frame: far more than 8 bytes.
        guard records > 0, records <= decompressedBytes / 8 else {
            throw DatasetError(.invalidRecord, path: path, "\(place): \(records) records in \(decompressedBytes) bytes")
        }
        let body = try file.read(compressedBytes)
        guard body.count == compressedBytes else {
            throw DatasetError(.truncated, path: path, "\(place): \(body.count) of \(compressedBytes) bytes present")
        }
        let bytes: [UInt8]
        do {
            bytes = try Zlib.decompress(body, maxOutputBytes: decompressedBytes)
        } catch {
            throw DatasetError(.corrupted, path: path, "\(place): \(error)")
        }
        guard bytes.count == decompressedBytes else {
            throw DatasetError(
                .corrupted,
                path: path,
                "\(place): \(bytes.count) bytes decompressed, the header says \(decompressedBytes)"
            )
        }
        pending = try Self.records(bytes, count: records, path: path, place: place)
        pendingIndex = 0
        recordsRead += records
        blockIndex += 1
    }

    private func readEnd() throws(DatasetError) {
        var cursor = ByteCursor(try file.read(8), path: path, place: "end marker")
        let total = try cursor.read(UInt64.self, "record total")
        guard total == UInt64(recordsRead) else {
            throw DatasetError(
                .corrupted,
                path: path,
                "end marker counts \(total) records, the blocks hold \(recordsRead)"
            )
        }
        guard try file.read(1).isEmpty else {
            throw DatasetError(.trailingData, path: path, "bytes follow the end marker")
        }
        finished = true
        pending = []
        pendingIndex = 0
    }

    private static func records(
        _ bytes: [UInt8],
        count: Int,
        path: String,
        place: String
    ) throws(DatasetError) -> [LabelledWindow] {
        var cursor = ByteCursor(bytes, path: path, place: place)
        var windows: [LabelledWindow] = []
        windows.reserveCapacity(count)
        for index in 0..<count {
            let deviceName = try cursor.readName("device")
            let sensor = try cursor.readName("sensor")
            let label = try cursor.readName("label")
            let frameBytes = Int(try cursor.read(UInt32.self, "frame length"))
            let frame = Array(try cursor.readBytes(frameBytes, "frame"))
            do throws(WireError) {
                let device = try DeviceID(deviceName)
                let decoded = try SensorFrame.decodeBinary(frame)
                windows.append(try LabelledWindow(device: device, sensor: sensor, label: label, frame: decoded))
            } catch {
                throw DatasetError(.invalidRecord, path: path, "\(place) record \(index): \(error)")
            }
        }
        guard cursor.remaining == 0 else {
            throw DatasetError(.invalidRecord, path: path, "\(place): \(cursor.remaining) bytes after the last record")
        }
        return windows
    }
}
