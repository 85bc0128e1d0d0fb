#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file writes that a power cut cannot leave half done: the bytes go to `path.tmp`, are fsynced, renamed over
/// `path`, and the directory is fsynced so the rename itself is durable. A reader sees the old file or the new one.
enum AtomicFile {
    /// An I/O failure with the path and errno.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let operation: String
        let code: Int32

        var description: String { "\(operation) \(path): errno \(code)" }
    }

    /// Replaces `path` with `bytes`.
    /// - Throws: ``Failure`` naming the step (ENOSPC when the disk is full); the old file is then untouched.
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: temporary, operation: "open", code: errno) }
        do {
            try writeAll(bytes, to: descriptor, path: temporary)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, operation: "rename", code: code)
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw Failure(path: directory, operation: "open", code: errno) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw Failure(path: directory, operation: "fsync", code: errno) }
    }

    /// Appends `bytes` to `path` (created if missing) and fsyncs it, so a resumed download never counts bytes that a
    /// power cut lost.
    /// - Throws: ``Failure`` naming the step.
    static func append(_ bytes: [UInt8], to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Writes every byte to `descriptor` and fsyncs it.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Failure(path: path, operation: "write", code: errno) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw Failure(path: path, operation: "fsync", code: errno) }
    }

    /// The size of `path` in bytes, 0 when it does not exist.
    static func size(_ path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_size)
    }

    /// The whole file, or nil when it does not exist.
    /// - Throws: ``Failure`` for any other error, or a file larger than `maxBytes`.
    static func read(_ path: String, maxBytes: Int) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Failure(path: path, operation: "open", code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(path: path, operation: "stat", code: errno) }
        guard Int(info.st_size) <= maxBytes else { throw Failure(path: path, operation: "size check", code: EFBIG) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + done, buffer.count - done)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Failure(path: path, operation: "read", code: result == 0 ? EIO : errno) }
            done += result
        }
        return bytes
    }
}
