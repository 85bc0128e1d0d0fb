import ZlibCompression

/// Writes labelled windows to a dataset file (layout in ``DatasetFormat``), a few megabytes of them per
/// compressed block, so memory stays bounded whatever the dataset's size.
///
/// The file appears under its name only when ``finish()`` succeeds: until then it is written to `path.partial`,
/// so a crash or an error never leaves a file that looks complete.
public final class DatasetWriter {
    /// The file being written.
    public let path: String
    /// Records appended so far.
    public private(set) var count = 0
    private let partialPath: String
    private var file: DatasetFile?
    private var block: [UInt8] = []
    private var blockRecords = 0

    /// Starts a dataset at `path` (`path.partial` until ``finish()``).
    ///
    /// - Throws: `DatasetError` `.io` when the file cannot be created.
    public init(path: String) throws(DatasetError) {
        self.path = path
        partialPath = path + ".partial"
        let file = try DatasetFile.writing(partialPath)
        try file.write(DatasetFormat.header)
        self.file = file
        block.reserveCapacity(DatasetFormat.targetBlockBytes + 64 * 1024)
    }

    deinit {
        if file != nil { DatasetFile.remove(partialPath) }
    }

    /// Appends one window.
    ///
    /// - Throws: `DatasetError` `.io` when a block cannot be written, `.closed` after ``finish()`` or an error.
    public func append(_ window: LabelledWindow) throws(DatasetError) {
        guard file != nil else { throw DatasetError(.closed, path: path, "append after finish or failure") }
        DatasetFormat.append(window, to: &block)
        blockRecords += 1
        count += 1
        if block.count >= DatasetFormat.targetBlockBytes { try flush() }
    }

    /// Writes the last block and the end marker, syncs, and renames the file to ``path``.
    ///
    /// - Throws: `DatasetError` `.io`, or `.closed` when called twice.
    public func finish() throws(DatasetError) {
        guard let file else { throw DatasetError(.closed, path: path, "finish called twice or after a failure") }
        try flush()
        var end: [UInt8] = []
        DatasetFormat.append(UInt32(0), to: &end)
        DatasetFormat.append(UInt64(count), to: &end)
        try guarded { () throws(DatasetError) in
            try file.write(end)
            try file.sync()
            file.close()
            try DatasetFile.rename(partialPath, to: path)
        }
        self.file = nil
    }

    private func flush() throws(DatasetError) {
        guard blockRecords > 0, let file else { return }
        try guarded { () throws(DatasetError) in
            let compressed: [UInt8]
            do {
                compressed = try Zlib.compress(block)
            } catch {
                throw DatasetError(.io, path: path, "cannot compress a block: \(error)")
            }
            var header: [UInt8] = []
            DatasetFormat.append(UInt32(compressed.count), to: &header)
            DatasetFormat.append(UInt32(block.count), to: &header)
            DatasetFormat.append(UInt32(blockRecords), to: &header)
            try file.write(header)
            try file.write(compressed)
        }
        block.removeAll(keepingCapacity: true)
        blockRecords = 0
    }

    /// Runs `body`; on failure the partial file is deleted and the writer refuses further use.
    private func guarded(_ body: () throws(DatasetError) -> Void) throws(DatasetError) {
        do {
            try body()
        } catch {
            file?.close()
            file = nil
            DatasetFile.remove(partialPath)
            throw error
        }
    }
}
