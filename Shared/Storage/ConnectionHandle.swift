internal import CSQLite
import Synchronization

/// Owns SQLite's C pointers for one connection: the `sqlite3*` and, through `Statement`, every cached
/// `sqlite3_stmt*`, which it finalizes on `close()`.
///
/// `@unchecked Sendable` is safe here because of three rules kept together:
/// - the connection is opened with `SQLITE_OPEN_NOMUTEX` (multi-thread mode), in which SQLite lets a connection
///   move between threads as long as no two threads use it at the same time;
/// - `SQLiteDatabase` keeps its handle in `Mutex`-guarded state and calls into it only while holding that lock;
/// - the `Connection` and `Statement` views that reach it are non-Sendable, so they stay on the thread of the
///   closure, and check `activeScope` before every call, so a view kept past its closure throws instead of racing
///   with the next lock holder.
final class ConnectionHandle: @unchecked Sendable {
    /// The `sqlite3*`; valid until `close()`.
    let pointer: OpaquePointer
    /// The path as given by the caller, for error messages.
    let path: String
    /// The scope currently allowed to use this handle, 0 when none. Atomic because an escaped view reads it
    /// without holding the lock.
    let activeScope = Atomic<UInt64>(0)

    private var lastScope: UInt64 = 0
    private var statements: [String: Statement] = [:]
    private var isClosed = false

    /// Cached statements kept across scopes before the cache is emptied; bounds memory when callers build SQL
    /// text dynamically, while a fixed set of hot statements never reaches it.
    private static let statementCacheLimit = 256

    /// Opens (and for writable opens, creates) the database file.
    ///
    /// Throws `.cantOpen` when the file or its directory cannot be opened; the message carries the OS reason.
    /// SQLite reads the file lazily, so a file that is not a database is detected later, by the first statement.
    init(path: String, readOnly: Bool) throws(SQLiteError) {
        guard !path.utf8.contains(0) else {
            throw SQLiteError(code: .cantOpen, message: "the path contains a NUL byte", path: path)
        }
        let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        var connection: OpaquePointer?
        let status = sqlite3_open_v2(path, &connection, access | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let connection else {
            // SQLite hands back a connection even when opening fails; it holds the message and must be closed.
            var message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let connection, sqlite3_system_errno(connection) != 0 {
                message += " (\(systemErrorDescription(sqlite3_system_errno(connection))))"
            }
            sqlite3_close_v2(connection)
            throw SQLiteError(code: ResultCode(rawValue: status), message: message, path: path)
        }
        sqlite3_extended_result_codes(connection, 1)
        self.pointer = connection
        self.path = path
    }

    /// True when no transaction is open on the connection (SQLite's autocommit mode).
    var isAutocommit: Bool { sqlite3_get_autocommit(pointer) != 0 }

    /// Rolls back the open transaction, if any.
    func rollbackIfOpen() {
        guard !isAutocommit else { return }
        // A failed rollback leaves the transaction open and the next BEGIN reports it; every caller is already
        // throwing the error that explains why it rolls back.
        sqlite3_exec(pointer, "ROLLBACK TRANSACTION", nil, nil, nil)
    }

    /// Starts a new scope and returns its identifier; views created with it are valid until `endScope()`.
    func beginScope() -> UInt64 {
        lastScope += 1
        activeScope.store(lastScope, ordering: .relaxed)
        return lastScope
    }

    /// Ends the current scope: resets statements left mid-iteration (so they release their read snapshot), makes
    /// the scope's views unusable, and empties the statement cache when it outgrew its limit.
    func endScope() {
        resetBusyStatements()
        activeScope.store(0, ordering: .relaxed)
        if statements.count > Self.statementCacheLimit {
            finalizeCachedStatements()
        }
    }

    /// Resets every statement of this connection that is mid-iteration, so that a transaction can end cleanly.
    func resetBusyStatements() {
        var statement = sqlite3_next_stmt(pointer, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 {
                sqlite3_reset(current)
            }
            statement = sqlite3_next_stmt(pointer, current)
        }
    }

    /// The cached prepared statement for `sql`, reset and with its bindings cleared, valid in `scope`.
    ///
    /// Throws what preparing throws (syntax errors as `.error`), and `.misuse` when `sql` holds no statement or
    /// more than one.
    func cachedStatement(_ sql: String, scope: UInt64) throws(SQLiteError) -> Statement {
        if let statement = statements[sql] {
            statement.prepareForReuse(scope: scope)
            return statement
        }
        let pointer = try prepareSingle(sql)
        let statement = Statement(pointer: pointer, sql: sql, handle: self, scope: scope)
        statements[sql] = statement
        return statement
    }

    /// An error from the connection's current error state (`sqlite3_errmsg`) for the result code `status`.
    func error(_ status: Int32, sql: String?) -> SQLiteError {
        SQLiteError(
            code: ResultCode(rawValue: status),
            message: String(cString: sqlite3_errmsg(pointer)),
            sql: sql,
            path: path
        )
    }

    /// Finalizes every cached statement and closes the connection; later calls do nothing.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        activeScope.store(0, ordering: .relaxed)
        finalizeCachedStatements()
        // close_v2 defers the close until the last statement is finalized instead of failing with SQLITE_BUSY.
        sqlite3_close_v2(pointer)
    }

    private func finalizeCachedStatements() {
        for statement in statements.values {
            sqlite3_finalize(statement.pointer)
        }
        statements.removeAll()
    }

    /// Prepares `sql`, which must hold exactly one statement (comments and whitespace around it are fine).
    private func prepareSingle(_ sql: String) throws(SQLiteError) -> OpaquePointer {
        try checkNoNUL(sql)
        var text = sql
        let result: Result<OpaquePointer, SQLiteError> = text.withUTF8 { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                return .failure(
                    SQLiteError(code: .misuse, message: "no SQL statement in the text", sql: sql, path: path)
                )
            }
            let base = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
            let end = base + bytes.count
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
            let status = sqlite3_prepare_v3(pointer, base, Int32(bytes.count), flags, &statement, &tail)
            guard status == SQLITE_OK else { return .failure(error(status, sql: sql)) }
            guard let statement else {
                return .failure(
                    SQLiteError(code: .misuse, message: "no SQL statement in the text", sql: sql, path: path)
                )
            }
            if let tail, tail < end, containsStatement(from: tail, to: end) {
                sqlite3_finalize(statement)
                let message = "more than one statement in the text; use execute(_:) for scripts"
                return .failure(SQLiteError(code: .misuse, message: message, sql: sql, path: path))
            }
            return .success(statement)
        }
        return try result.get()
    }

    /// Whether the text between `start` and `end` holds anything but whitespace, comments and semicolons.
    private func containsStatement(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> Bool {
        var cursor = start
        while cursor < end {
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v2(pointer, cursor, Int32(end - cursor), &statement, &tail)
            sqlite3_finalize(statement)
            guard status == SQLITE_OK, statement == nil, let tail, tail > cursor else { return true }
            cursor = tail
        }
        return false
    }

    /// Runs every statement of a script in order, discarding result rows; stops at the first failure and names the
    /// failing statement's SQL in the error (for a statement that does not compile, the script from there on). A
    /// script of only whitespace and comments does nothing.
    func executeScript(_ sql: String) throws(SQLiteError) {
        try checkNoNUL(sql)
        var text = sql
        let failure: SQLiteError? = text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return nil }
            let base = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
            let end = base + bytes.count
            var cursor = base
            while cursor < end {
                // Skipping whitespace makes a failing statement's text in the error start at the statement.
                if cursor.pointee == 0x20 || (0x09...0x0D).contains(cursor.pointee) {
                    cursor += 1
                    continue
                }
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let status = sqlite3_prepare_v2(pointer, cursor, Int32(end - cursor), &statement, &tail)
                guard status == SQLITE_OK else {
                    let failingText = String(
                        decoding: UnsafeRawBufferPointer(start: cursor, count: end - cursor),
                        as: UTF8.self
                    )
                    return error(status, sql: failingText)
                }
                guard let tail, tail > cursor else { return nil }
                cursor = tail
                guard let statement else { continue }
                defer { sqlite3_finalize(statement) }
                var stepStatus = sqlite3_step(statement)
                while stepStatus == SQLITE_ROW {
                    stepStatus = sqlite3_step(statement)
                }
                guard stepStatus == SQLITE_DONE else {
                    return error(stepStatus, sql: String(cString: sqlite3_sql(statement)))
                }
            }
            return nil
        }
        if let failure {
            throw failure
        }
    }

    private func checkNoNUL(_ sql: String) throws(SQLiteError) {
        // SQLite stops reading at a NUL byte, so text after it would be silently ignored.
        guard !sql.utf8.contains(0) else {
            throw SQLiteError(code: .misuse, message: "the SQL text contains a NUL byte", sql: sql, path: path)
        }
        guard Int32(exactly: sql.utf8.count) != nil else {
            throw SQLiteError(code: .tooBig, message: "the SQL text is longer than 2 GiB", path: path)
        }
    }
}
