/// `hub data list`: one line per snapshot.
public struct DatasetTable {
    private let table: TextTable

    /// Lays out `snapshots` in the order given.
    public init(_ snapshots: [DatasetSnapshot]) {
        table = TextTable(
            header: ["HASH", "KIND", "WINDOWS", "LABELS", "CREATED", "SOURCE"],
            rows: snapshots.map { snapshot in
                [
                    String(snapshot.hash.prefix(16)), snapshot.pipeline == nil ? "raw" : "features",
                    "\(snapshot.windows)",
                    snapshot.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                    "\(snapshot.createdMs)", snapshot.source,
                ]
            },
            emptyText: "no datasets imported yet"
        )
    }

    /// The table.
    public func render() -> String { table.render() }
}
