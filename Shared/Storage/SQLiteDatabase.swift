internal import CSQLite
import Synchronization

/// One SQLite database connection, shared by any number of tasks.
///
/// All access goes through a closure (`write`, `read`, `withConnection`) that runs while holding the connection's
/// lock, so callers never see the C pointers and calls from many tasks are serialized. The closures are
/// synchronous and block the calling thread while another closure runs: keep them short, and batch rows into one
/// `write` rather than one `write` per row. The connection closes when the database is deinitialized.
public final class SQLiteDatabase: Sendable {
    /// The path as given to `init`.
    public let path: String
    /// The options the database was opened with.
    public let options: Options

    /// The connection; the mutex is what serializes every use of its C pointers.
    private let connection: Mutex<ConnectionHandle>
    /// The thread inside a closure (0 when none), so that a nested call, which would deadlock on the mutex, is
    /// refused instead.
    private let lockOwner = Atomic<UInt>(0)

    /// Opens the database at `path` (created if missing, unless `options.readOnly`) and applies `options`.
    /// `":memory:"` opens a private in-memory database.
    ///
    /// Throws `.cantOpen` when the file or its directory cannot be opened (the message gives the OS reason),
    /// `.notADatabase` when the file is not a SQLite database, `.misuse` for a negative busy timeout, and `.error`
    /// when the journal mode could not be set.
    public init(path: String, options: Options = .init()) throws(SQLiteError) {
        let handle = try ConnectionHandle(path: path, readOnly: options.readOnly)
        do throws(SQLiteError) {
            try Self.configure(handle, options)
        } catch {
            handle.close()
            throw error
        }
        self.path = path
        self.options = options
        self.connection = Mutex(handle)
    }

    deinit {
        connection.withLock { $0.close() }
    }

    private static func configure(_ handle: ConnectionHandle, _ options: Options) throws(SQLiteError) {
        guard options.busyTimeoutMilliseconds >= 0 else {
            let message = "busy timeout must not be negative, got \(options.busyTimeoutMilliseconds) ms"
            throw SQLiteError(code: .misuse, message: message, path: handle.path)
        }
        sqlite3_busy_timeout(handle.pointer, options.busyTimeoutMilliseconds)
        let scope = handle.beginScope()
        defer { handle.endScope() }
        let connection = Connection(handle: handle, scope: scope)
        // SQLite reads the file lazily: reading the schema now makes a file that is not a database fail at open.
        try connection.execute("SELECT count(*) FROM sqlite_schema")
        if !options.readOnly {
            let wanted = options.journalMode.rawValue
            let mode = try connection.scalar("PRAGMA journal_mode = \(wanted)")?.string
            // In-memory and temporary databases have no file name and always report `memory`.
            let isInMemory = sqlite3_db_filename(handle.pointer, "main").map { $0.pointee == 0 } ?? true
            guard mode == wanted || isInMemory else {
                let message = "journal_mode is \(mode ?? "unknown") after asking for \(wanted)"
                throw SQLiteError(code: .error, message: message, path: handle.path)
            }
        }
        try connection.execute(
            """
            PRAGMA synchronous = \(options.synchronous.rawValue);
            PRAGMA foreign_keys = \(options.foreignKeys ? "ON" : "OFF");
            """
        )
    }

    /// Runs `body` with the connection while holding the lock; the connection is valid only during `body`.
    ///
    /// Throws `.misuse` when called from inside another closure of this database on the same thread (which would
    /// otherwise deadlock), and rethrows `body`'s error unchanged.
    func access<T>(_ body: (Connection) throws -> T) throws -> T {
        let thread = currentThreadID()
        guard lockOwner.load(ordering: .relaxed) != thread else {
            throw SQLiteError(
                code: .misuse,
                message: "nested database access: write/read/withConnection called inside another on the same "
                    + "database; use the Connection the outer closure was given",
                path: path
            )
        }
        return try connection.withLock { handle in
            lockOwner.store(thread, ordering: .relaxed)
            defer { lockOwner.store(0, ordering: .relaxed) }
            let scope = handle.beginScope()
            defer { handle.endScope() }
            return try body(Connection(handle: handle, scope: scope))
        }
    }
}
