/// A failure reported by SQLite, or a misuse of this wrapper detected before it reached SQLite.
///
/// Carries the primary and extended result codes, SQLite's message, the SQL being run (if any) and the database
/// path, so that one logged line says what failed where:
/// `SQLite error 19 (constraint, UNIQUE constraint failed: t.id) in "INSERT INTO t VALUES (?)" on /tmp/x.sqlite`.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The primary result code, for example `.constraint`; match on this.
    public let code: ResultCode
    /// The extended result code, for example `.constraintUnique`; equal to `code` when SQLite gave no detail.
    public let extendedCode: ResultCode
    /// SQLite's message (`sqlite3_errmsg`) or the wrapper's own explanation of a misuse.
    public let message: String
    /// The SQL text of the failing statement, or nil when the failure was not tied to a statement (opening).
    public let sql: String?
    /// The database path as given to `SQLiteDatabase.init`.
    public let path: String

    /// Creates an error; `code` is folded to its primary code and the full value kept as `extendedCode`.
    public init(code: ResultCode, message: String, sql: String? = nil, path: String) {
        self.code = code.primary
        self.extendedCode = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// `SQLite error <code> (<name>, <message>) in "<sql>" on <path>`; the `in` part only when there is SQL.
    public var description: String {
        var text = "SQLite error \(code.rawValue) (\(code), \(message))"
        if let sql {
            text += " in \"\(sql)\""
        }
        return text + " on \(path)"
    }
}
