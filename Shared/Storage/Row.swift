/// One result row of `Connection.query`, detached from SQLite (safe to keep and send after the closure returns).
public struct Row: Sendable {
    /// The result column names, in order; shared by every row of one query.
    public let columnNames: [String]
    /// The values, in column order, with the storage class SQLite returned.
    public let values: [SQLiteValue]
    /// The database path, for errors.
    private let path: String

    init(columnNames: [String], values: [SQLiteValue], path: String) {
        self.columnNames = columnNames
        self.values = values
        self.path = path
    }

    /// The value of the column at `index` (0-based).
    ///
    /// Throws `.range` when `index` is outside `0..<values.count`.
    public subscript(index: Int) -> SQLiteValue {
        get throws(SQLiteError) {
            guard values.indices.contains(index) else {
                throw SQLiteError(
                    code: .range,
                    message: "column \(index) out of range; the row has \(values.count) columns",
                    path: path
                )
            }
            return values[index]
        }
    }

    /// The value of the column named `name`.
    ///
    /// An exact match wins; otherwise the match ignores ASCII case, as SQL identifiers do. With duplicate names (a
    /// join selecting `a.id, b.id`) the leftmost column wins; alias them to tell them apart. Throws `.range` when no
    /// column has that name.
    public subscript(name: String) -> SQLiteValue {
        get throws(SQLiteError) {
            if let index = columnNames.firstIndex(of: name) {
                return values[index]
            }
            let folded = name.lowercased()
            if let index = columnNames.firstIndex(where: { $0.lowercased() == folded }) {
                return values[index]
            }
            throw SQLiteError(
                code: .range,
                message: "no column named \"\(name)\"; the row has \(columnNames)",
                path: path
            )
        }
    }
}
