#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The operating system's text for `errno` value `code`, with the number: `No such file or directory, errno 2`.
func systemErrorDescription(_ code: Int32) -> String {
    "\(String(cString: strerror(code))), errno \(code)"
}
