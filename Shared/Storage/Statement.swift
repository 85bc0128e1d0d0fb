internal import CSQLite

/// `SQLITE_TRANSIENT` tells SQLite to copy bound text and blobs before the bind call returns; the macro is a cast
/// of -1 to a function pointer, which Swift does not import.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A cached prepared statement from `Connection.statement(_:)`, for hot loops: bind, `step()`, read columns, `reset()`.
///
/// Valid only inside the closure whose `Connection` produced it; any use after that closure returned throws
/// `.misuse`. Asking the connection for the same SQL again returns this same object, reset and with cleared
/// bindings, so do not interleave two uses of one SQL text.
///
/// Parameters are numbered from 1 (SQLite's `?1`, and the first `?` is 1); result columns from 0.
public final class Statement {
    /// The `sqlite3_stmt*`; finalized by the owning `ConnectionHandle`.
    let pointer: OpaquePointer
    /// The SQL text this statement was prepared from.
    public let sql: String
    let handle: ConnectionHandle
    private var scope: UInt64
    private(set) var hasCurrentRow = false

    init(pointer: OpaquePointer, sql: String, handle: ConnectionHandle, scope: UInt64) {
        self.pointer = pointer
        self.sql = sql
        self.handle = handle
        self.scope = scope
    }

    /// Makes a cached statement ready for a new user in `scope`: no pending row, no bindings.
    func prepareForReuse(scope: UInt64) {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
        hasCurrentRow = false
        self.scope = scope
    }

    /// The number of parameters (the largest parameter index).
    public var parameterCount: Int {
        get throws(SQLiteError) {
            try checkScope()
            return Int(sqlite3_bind_parameter_count(pointer))
        }
    }

    /// Advances to the next result row: true when a row is ready to read, false when the statement has finished.
    ///
    /// Throws SQLite's error (a constraint failure, `.full`, `.busy` ...), after which the statement is reset.
    public func step() throws(SQLiteError) -> Bool {
        try checkScope()
        let status = sqlite3_step(pointer)
        if status == SQLITE_ROW {
            hasCurrentRow = true
            return true
        }
        hasCurrentRow = false
        if status == SQLITE_DONE {
            return false
        }
        let failure = handle.error(status, sql: sql)
        sqlite3_reset(pointer)
        throw failure
    }

    /// Rewinds the statement so it can be bound and stepped again; keeps the current bindings.
    public func reset() throws(SQLiteError) {
        try checkScope()
        // reset repeats the last step's error, which step() has already thrown.
        sqlite3_reset(pointer)
        hasCurrentRow = false
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() throws(SQLiteError) {
        try checkScope()
        sqlite3_clear_bindings(pointer)
    }

    /// Throws `.misuse` unless the closure that provided this statement is still running.
    func checkScope() throws(SQLiteError) {
        guard handle.activeScope.load(ordering: .relaxed) == scope else {
            throw SQLiteError(
                code: .misuse,
                message: "statement used after the write/read/withConnection closure that provided it returned",
                sql: sql,
                path: handle.path
            )
        }
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

extension Statement {
    /// Binds an integer to the parameter at `index` (1-based).
    ///
    /// Every bind throws `.range` for an index outside `1...parameterCount`, and `.misuse` when the statement has
    /// been stepped since its last `reset()`.
    public func bind(_ value: Int64, at index: Int) throws(SQLiteError) {
        let parameter = try checkParameter(index)
        try check(sqlite3_bind_int64(pointer, parameter, value), index: index)
    }

    /// Binds an integer to the parameter at `index` (1-based).
    public func bind(_ value: Int, at index: Int) throws(SQLiteError) {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to the parameter at `index` (1-based). NaN binds as NULL, as SQLite stores it.
    public func bind(_ value: Double, at index: Int) throws(SQLiteError) {
        let parameter = try checkParameter(index)
        try check(sqlite3_bind_double(pointer, parameter, value), index: index)
    }

    /// Binds UTF-8 text to the parameter at `index` (1-based); embedded NUL characters are kept, and SQLite copies
    /// the bytes before returning.
    public func bind(_ value: String, at index: Int) throws(SQLiteError) {
        let parameter = try checkParameter(index)
        var text = value
        let status = text.withUTF8 { bytes in
            // A nil base address would bind NULL, so empty text gets a real (empty) C string.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(pointer, parameter, "", 0, transientDestructor)
            }
            let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            let encoding = UInt8(SQLITE_UTF8)
            return sqlite3_bind_text64(
                pointer,
                parameter,
                characters,
                UInt64(bytes.count),
                transientDestructor,
                encoding
            )
        }
        try check(status, index: index)
    }

    /// Binds bytes to the parameter at `index` (1-based); an empty array binds an empty blob, not NULL.
    public func bind(_ value: [UInt8], at index: Int) throws(SQLiteError) {
        let parameter = try checkParameter(index)
        let status = value.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(pointer, parameter, 0)
            }
            return sqlite3_bind_blob64(pointer, parameter, base, UInt64(bytes.count), transientDestructor)
        }
        try check(status, index: index)
    }

    /// Binds any value to the parameter at `index` (1-based); `bind(nil, at: i)` binds NULL.
    public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
        switch value {
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let bytes): try bind(bytes, at: index)
        case .null: try check(sqlite3_bind_null(pointer, try checkParameter(index)), index: index)
        }
    }

    private func checkParameter(_ index: Int) throws(SQLiteError) -> Int32 {
        try checkScope()
        // SQLite checks the range itself (SQLITE_RANGE, reported by check(_:index:)); only the narrowing is ours.
        guard let parameter = Int32(exactly: index) else { throw parameterOutOfRange(index) }
        return parameter
    }

    private func check(_ status: Int32, index: Int) throws(SQLiteError) {
        guard status != SQLITE_OK else { return }
        switch status {
        case SQLITE_RANGE:
            throw parameterOutOfRange(index)
        case SQLITE_MISUSE:
            throw SQLiteError(
                code: .misuse,
                message: "cannot bind after step(); call reset() first",
                sql: sql,
                path: handle.path
            )
        default:
            throw handle.error(status, sql: sql)
        }
    }

    private func parameterOutOfRange(_ index: Int) -> SQLiteError {
        let count = sqlite3_bind_parameter_count(pointer)
        return SQLiteError(
            code: .range,
            message: "parameter index \(index) out of range; the statement has \(count) parameters (numbered from 1)",
            sql: sql,
            path: handle.path
        )
    }
}
