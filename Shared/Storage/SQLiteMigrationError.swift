/// Why a migration list was refused or a migration run failed.
public struct SQLiteMigrationError: Error, CustomStringConvertible, Sendable {
    /// The stable kind of failure; match on this.
    public enum Code: String, Hashable, Sendable {
        /// The list is empty, has a version below 1, or its versions are not strictly increasing.
        case invalidMigrationList
        /// The database's `user_version` is newer than the newest migration: the data was written by a newer
        /// binary, and this one does not know its schema.
        case databaseNewerThanMigrations
        /// Reading or writing `user_version` failed.
        case versionUnreadable
        /// A migration's script (or its transaction) failed; that migration was rolled back.
        case migrationFailed
    }

    /// The kind of failure.
    public let code: Code
    /// The migration or database version the failure is about, if any.
    public let version: Int32?
    /// What went wrong, in words.
    public let message: String
    /// The SQLite error underneath, when there is one.
    public let underlying: SQLiteError?

    /// Creates an error.
    public init(code: Code, version: Int32?, message: String, underlying: SQLiteError? = nil) {
        self.code = code
        self.version = version
        self.message = message
        self.underlying = underlying
    }

    /// `migration error <code>: <message>`, followed by the SQLite error when there is one.
    public var description: String {
        var text = "migration error \(code.rawValue): \(message)"
        if let underlying {
            text += ": \(underlying)"
        }
        return text
    }
}
