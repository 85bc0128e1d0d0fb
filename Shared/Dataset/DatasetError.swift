/// Why a dataset file could not be written or read: a stable ``Code`` to branch on, the file and what was wrong.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file could not be opened, read, written or renamed; the context holds the system's reason.
        case io
        /// The file does not start with `EFDS`: it is not a dataset.
        case badMagic
        /// The file's format version or flags are not ones this build reads.
        case unsupportedVersion
        /// The file ends before its end marker, inside a block or inside a record.
        case truncated
        /// A block does not decompress, or decompresses to another size than its header says.
        case corrupted
        /// A length in the file is beyond the reader's bounds (a hostile or damaged file).
        case oversized
        /// A record breaks the rules of ``LabelledWindow`` (bad name, bad frame, wrong counts).
        case invalidRecord
        /// Bytes follow the end marker.
        case trailingData
        /// The writer was used after ``DatasetWriter/finish()`` or after an error.
        case closed
    }

    /// What went wrong.
    public let code: Code
    /// The dataset file concerned.
    public let path: String
    /// What was wrong, for example `block 3: 12 bytes left, the header needs 12`.
    public let context: String

    /// Creates an error with its code, file and explanation.
    public init(_ code: Code, path: String, _ context: String) {
        self.code = code
        self.path = path
        self.context = context
    }

    /// One line for users and logs: `dataset.efds: truncated: …`.
    public var description: String { "\(path): \(code.rawValue): \(context)" }
}
