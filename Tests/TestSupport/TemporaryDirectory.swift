import Foundation

/// A fresh directory under the system temp folder, removed by `remove()`.
///
/// Tests use it for SQLite files, broker configs and certificates so that no run sees another's files.
public struct TemporaryDirectory: Sendable {
    /// Absolute path of the directory, without a trailing slash.
    public let path: String

    /// Creates the directory; `prefix` shows up in its name to tell runs apart.
    public init(prefix: String = "edgefleet") throws {
        var template = Array("\(NSTemporaryDirectory())/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let created else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "mkdtemp \(prefix)"])
        }
        path = String(cString: created)
        // mosquitto drops root privileges before reading ACL and certificate files placed here.
        chmod(path, 0o755)
    }

    /// The path of `name` inside this directory.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Writes `contents` to `name` inside this directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
