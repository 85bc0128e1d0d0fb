#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole UTF-8 text file with plain POSIX calls, so this module needs no Foundation of its own.
enum TextFile {
    /// The contents of the file at `path`; throws `.unreadableFile` naming the OS error or invalid UTF-8.
    static func contents(of path: String) throws(ConfigError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "cannot open: \(lastErrorText())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw failure(path, "cannot read: \(lastErrorText())")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure(path, "not valid UTF-8 text")
        }
        return text
    }

    private static func failure(_ path: String, _ message: String) -> ConfigError {
        ConfigError(code: .unreadableFile, key: nil, origin: .document(name: path, line: nil), message: message)
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
