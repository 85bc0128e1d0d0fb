import SQLiteStorage

extension HubStore {
    /// Up to `length` bytes of an artifact from `offset`, read by SQLite without loading the whole artifact.
    /// - Returns: the artifact's total length and the bytes (empty when `offset` is at or past the end), nil when
    ///   the model or version is not registered.
    /// - Throws: `SQLiteError`.
    public func artifactRange(
        _ name: String,
        version: UInt32,
        offset: UInt64,
        length: UInt32
    ) throws -> (total: UInt64, bytes: [UInt8])? {
        try blobRange(table: "model_versions", name, version: version, offset: offset, length: length)
    }

    /// Up to `length` bytes from `offset` of the `artifact` column of `table`'s row (`name`, `version`); nil when
    /// there is no such row. `table` is one of the store's own table names, never input.
    func blobRange(
        table: String,
        _ name: String,
        version: UInt32,
        offset: UInt64,
        length: UInt32
    ) throws -> (total: UInt64, bytes: [UInt8])? {
        try database.read { connection in
            // substr on a blob counts bytes from 1; an offset past the end gives an empty blob.
            let rows = try connection.query(
                """
                SELECT length(artifact), substr(artifact, ?3 + 1, ?4)
                FROM \(table) WHERE name = ?1 AND version = ?2
                """,
                .text(name),
                .integer(Int64(version)),
                .integer(Int64(clamping: offset)),
                .integer(Int64(length))
            )
            guard let row = rows.first else { return nil }
            return (UInt64(try row[0].int64 ?? 0), try row[1].blob ?? [])
        }
    }
}
