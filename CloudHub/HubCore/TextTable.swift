/// Rows of text cells laid out in aligned columns under a header, for the CLI's readable output.
public struct TextTable: Sendable {
    private let rows: [[String]]
    private let emptyText: String

    /// A table of `rows` under `header`; `emptyText` is shown instead when there are no rows.
    public init(header: [String], rows: [[String]], emptyText: String) {
        self.rows = [header] + rows
        self.emptyText = emptyText
    }

    /// The table, one line per row, columns two spaces apart, no trailing spaces.
    public func render() -> String {
        guard rows.count > 1 else { return emptyText }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
                .joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
