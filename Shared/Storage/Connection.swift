internal import CSQLite

/// The database connection as seen inside `SQLiteDatabase.write`, `read` or `withConnection`.
///
/// Valid only while that closure runs: any use after it returned throws `.misuse`. Non-Sendable, so it cannot be
/// handed to another task. `run`, `query` and `scalar` take one statement each and go through the statement cache;
/// `execute` runs scripts.
public struct Connection {
    let handle: ConnectionHandle
    let scope: UInt64

    /// Runs a script of any number of `;`-separated statements, discarding result rows.
    ///
    /// Stops at the first failing statement and throws its error, naming that statement's SQL. Statements before
    /// it have run (inside `write`, the whole transaction is then rolled back).
    public func execute(_ sql: String) throws(SQLiteError) {
        try checkScope(sql)
        try handle.executeScript(sql)
    }

    /// Runs one statement with `bindings` for its parameters, in order, and returns the number of rows it
    /// inserted, updated or deleted (0 for other statements; rows changed by triggers are not counted).
    ///
    /// Throws `.range` when the number of bindings differs from the statement's parameter count, `.misuse` when
    /// `sql` holds no statement or several (use `execute`), and SQLite's error when the statement fails.
    @discardableResult
    public func run(_ sql: String, _ bindings: SQLiteValue...) throws(SQLiteError) -> Int {
        try run(sql, bindings: bindings)
    }

    /// `run(_:_:)` with the bindings as an array, for statements built at run time.
    @discardableResult
    public func run(_ sql: String, bindings: [SQLiteValue]) throws(SQLiteError) -> Int {
        let statement = try boundStatement(sql, bindings)
        let totalBefore = sqlite3_total_changes64(handle.pointer)
        while try statement.step() {}
        try statement.reset()
        // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, so a statement that changed nothing
        // (DDL, a SELECT) would report a stale count; an unchanged total tells them apart.
        guard sqlite3_total_changes64(handle.pointer) != totalBefore else { return 0 }
        return Int(sqlite3_changes64(handle.pointer))
    }

    /// Runs one query with `bindings` and returns all its rows, detached from SQLite.
    ///
    /// Throws as `run` does.
    public func query(_ sql: String, _ bindings: SQLiteValue...) throws(SQLiteError) -> [Row] {
        try query(sql, bindings: bindings)
    }

    /// `query(_:_:)` with the bindings as an array.
    public func query(_ sql: String, bindings: [SQLiteValue]) throws(SQLiteError) -> [Row] {
        let statement = try boundStatement(sql, bindings)
        let columnCount = try statement.columnCount
        var names: [String] = []
        names.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            names.append(try statement.columnName(at: column))
        }
        var rows: [Row] = []
        while try statement.step() {
            var values: [SQLiteValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                values.append(try statement.value(at: column))
            }
            rows.append(Row(columnNames: names, values: values, path: handle.path))
        }
        try statement.reset()
        return rows
    }

    /// The first column of the first row of a query, or nil when it returns no row (a NULL value is `.null`).
    ///
    /// Throws as `run` does.
    public func scalar(_ sql: String, _ bindings: SQLiteValue...) throws(SQLiteError) -> SQLiteValue? {
        try scalar(sql, bindings: bindings)
    }

    /// `scalar(_:_:)` with the bindings as an array.
    public func scalar(_ sql: String, bindings: [SQLiteValue]) throws(SQLiteError) -> SQLiteValue? {
        let statement = try boundStatement(sql, bindings)
        var value: SQLiteValue?
        if try statement.step(), try statement.columnCount > 0 {
            value = try statement.value(at: 0)
        }
        try statement.reset()
        return value
    }

    /// The cached prepared statement for `sql`, reset and with its bindings cleared: prepare once, then bind and
    /// step it in a loop. The same SQL text always yields the same object.
    ///
    /// Throws SQLite's error for invalid SQL, and `.misuse` when `sql` holds no statement or several.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        try checkScope(sql)
        return try handle.cachedStatement(sql, scope: scope)
    }

    /// The rowid of the most recent successful INSERT on this connection (0 if none).
    public var lastInsertRowID: Int64 {
        get throws(SQLiteError) {
            try checkScope(nil)
            return sqlite3_last_insert_rowid(handle.pointer)
        }
    }

    /// Rows changed by the most recent completed INSERT, UPDATE or DELETE on this connection, as SQLite counts
    /// them (`sqlite3_changes64`): a later statement of another kind leaves it unchanged.
    public var changes: Int {
        get throws(SQLiteError) {
            try checkScope(nil)
            return Int(sqlite3_changes64(handle.pointer))
        }
    }

    /// Rows changed by every INSERT, UPDATE and DELETE since the database was opened, triggers included.
    public var totalChanges: Int {
        get throws(SQLiteError) {
            try checkScope(nil)
            return Int(sqlite3_total_changes64(handle.pointer))
        }
    }

    private func boundStatement(_ sql: String, _ bindings: [SQLiteValue]) throws(SQLiteError) -> Statement {
        let statement = try statement(sql)
        let expected = try statement.parameterCount
        guard bindings.count == expected else {
            throw SQLiteError(
                code: .range,
                message: "\(bindings.count) bindings given for \(expected) parameters",
                sql: sql,
                path: handle.path
            )
        }
        for (offset, value) in bindings.enumerated() {
            try statement.bind(value, at: offset + 1)
        }
        return statement
    }

    private func checkScope(_ sql: String?) throws(SQLiteError) {
        guard handle.activeScope.load(ordering: .relaxed) == scope else {
            throw SQLiteError(
                code: .misuse,
                message: "connection used after the write/read/withConnection closure that provided it returned",
                sql: sql,
                path: handle.path
            )
        }
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
