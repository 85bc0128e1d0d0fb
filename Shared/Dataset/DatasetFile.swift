#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor with whole-buffer reads and writes that retry on EINTR; closed on deinit.
final class DatasetFile {
    let path: String
    private var descriptor: Int32

    /// Opens `path` for reading.
    static func reading(_ path: String) throws(DatasetError) -> DatasetFile {
        try DatasetFile(path, flags: O_RDONLY | O_CLOEXEC)
    }

    /// Creates or empties `path` for writing.
    static func writing(_ path: String) throws(DatasetError) -> DatasetFile {
        try DatasetFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
    }

    private init(_ path: String, flags: Int32) throws(DatasetError) {
        self.path = path
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path, "cannot open") }
    }

    deinit { close() }

    /// Closes the descriptor (once).
    func close() {
        guard descriptor >= 0 else { return }
        _ = systemClose(descriptor)
        descriptor = -1
    }

    /// Reads up to `count` bytes; fewer only at the end of the file.
    func read(_ count: Int) throws(DatasetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, count - filled) }
            if got > 0 {
                filled += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw Self.failure(path, "cannot read")
            }
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(DatasetError) {
        var written = 0
        while written < bytes.count {
            let done = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written)
            }
            if done >= 0 {
                written += done
            } else if errno != EINTR {
                throw Self.failure(path, "cannot write")
            }
        }
    }

    /// Flushes the file to the disk.
    func sync() throws(DatasetError) {
        guard fsync(descriptor) == 0 else { throw Self.failure(path, "cannot sync") }
    }

    /// Renames `from` to `to`, replacing `to`.
    static func rename(_ from: String, to: String) throws(DatasetError) {
        guard systemRename(from, to) == 0 else { throw failure(to, "cannot rename \(from) to it") }
    }

    /// Deletes `path`, ignoring a missing file.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    private static func failure(_ path: String, _ action: String) -> DatasetError {
        DatasetError(.io, path: path, "\(action): \(String(cString: strerror(errno)))")
    }
}

// The system calls under names that the methods above do not shadow.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
