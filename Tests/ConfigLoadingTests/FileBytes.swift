import Foundation

/// Writes raw bytes, for files that `TemporaryDirectory.write` (which takes text) cannot make.
enum FileBytes {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
