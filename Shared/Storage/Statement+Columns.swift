internal import CSQLite

extension Statement {
    /// The number of result columns (0 for statements that return no rows).
    public var columnCount: Int {
        get throws(SQLiteError) {
            try checkScope()
            return Int(sqlite3_column_count(pointer))
        }
    }

    /// The name of the result column at `index` (0-based): its alias, or SQLite's name for it.
    ///
    /// Throws `.range` for an index outside `0..<columnCount`.
    public func columnName(at index: Int) throws(SQLiteError) -> String {
        try checkScope()
        let column = try checkColumnIndex(index)
        return sqlite3_column_name(pointer, column).map { String(cString: $0) } ?? ""
    }

    /// The integer in column `index` (0-based) of the current row.
    ///
    /// Every column getter throws `.misuse` when there is no current row (the last `step()` did not return true),
    /// `.range` for an index outside `0..<columnCount`, and `.mismatch` when the column holds another storage
    /// class, NULL included: values are never silently coerced.
    public func int64(at index: Int) throws(SQLiteError) -> Int64 {
        let column = try checkRowColumn(index)
        try expect(SQLITE_INTEGER, in: column, named: "an integer")
        return sqlite3_column_int64(pointer, column)
    }

    /// The real in column `index` (0-based); an integer is widened (exact up to 2^53).
    public func double(at index: Int) throws(SQLiteError) -> Double {
        let column = try checkRowColumn(index)
        if sqlite3_column_type(pointer, column) != SQLITE_INTEGER {
            try expect(SQLITE_FLOAT, in: column, named: "a real")
        }
        return sqlite3_column_double(pointer, column)
    }

    /// The text in column `index` (0-based), embedded NUL characters included.
    public func string(at index: Int) throws(SQLiteError) -> String {
        let column = try checkRowColumn(index)
        try expect(SQLITE_TEXT, in: column, named: "text")
        return try text(in: column)
    }

    /// The bytes in column `index` (0-based); an empty blob reads as `[]`.
    public func blob(at index: Int) throws(SQLiteError) -> [UInt8] {
        let column = try checkRowColumn(index)
        try expect(SQLITE_BLOB, in: column, named: "a blob")
        return bytes(in: column)
    }

    /// Whether column `index` (0-based) holds NULL.
    public func isNull(at index: Int) throws(SQLiteError) -> Bool {
        let column = try checkRowColumn(index)
        return sqlite3_column_type(pointer, column) == SQLITE_NULL
    }

    /// The value in column `index` (0-based), in the storage class SQLite holds it.
    public func value(at index: Int) throws(SQLiteError) -> SQLiteValue {
        let column = try checkRowColumn(index)
        switch sqlite3_column_type(pointer, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(pointer, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(pointer, column))
        case SQLITE_TEXT: return .text(try text(in: column))
        case SQLITE_BLOB: return .blob(bytes(in: column))
        default: return .null
        }
    }

    private func text(in column: Int32) throws(SQLiteError) -> String {
        // The pointer must be fetched before the length: asking for it may convert the value.
        guard let characters = sqlite3_column_text(pointer, column) else {
            throw SQLiteError(
                code: .noMemory,
                message: "out of memory reading column \(column)",
                sql: sql,
                path: handle.path
            )
        }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self)
    }

    private func bytes(in column: Int32) -> [UInt8] {
        // SQLite returns a nil pointer for a zero-length blob.
        guard let base = sqlite3_column_blob(pointer, column) else { return [] }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    private func checkRowColumn(_ index: Int) throws(SQLiteError) -> Int32 {
        try checkScope()
        guard hasCurrentRow else {
            throw SQLiteError(
                code: .misuse,
                message: "no current row: read columns only after step() returned true",
                sql: sql,
                path: handle.path
            )
        }
        return try checkColumnIndex(index)
    }

    private func checkColumnIndex(_ index: Int) throws(SQLiteError) -> Int32 {
        let count = sqlite3_column_count(pointer)
        guard index >= 0, index < Int(count) else {
            throw SQLiteError(
                code: .range,
                message: "column index \(index) out of range; the statement has \(count) columns (numbered from 0)",
                sql: sql,
                path: handle.path
            )
        }
        return Int32(index)
    }

    private func expect(_ type: Int32, in column: Int32, named expected: String) throws(SQLiteError) {
        let actual = sqlite3_column_type(pointer, column)
        guard actual != type else { return }
        let held =
            switch actual {
            case SQLITE_INTEGER: "an integer"
            case SQLITE_FLOAT: "a real"
            case SQLITE_TEXT: "text"
            case SQLITE_BLOB: "a blob"
            default: "NULL"
            }
        let name = sqlite3_column_name(pointer, column).map { String(cString: $0) } ?? "?"
        throw SQLiteError(
            code: .mismatch,
            message: "column \(column) (\(name)) holds \(held), not \(expected)",
            sql: sql,
            path: handle.path
        )
    }
}
