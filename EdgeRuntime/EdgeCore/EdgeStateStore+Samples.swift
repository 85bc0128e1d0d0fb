import SQLiteStorage

/// Local labelled samples: the most recent labelled feature vectors per pipeline, bounded, for training on the device.
/// Values are stored as little-endian float32 bytes.
extension EdgeStateStore {
    /// Stores `sample` under `pipeline`, then deletes the oldest samples of that pipeline beyond `capacity`.
    /// - Throws: `SQLiteError` (`.full` on a full disk: nothing stored).
    public func recordSample(_ sample: LabelledSample, pipeline: PipelineFingerprint, capacity: Int) throws {
        guard capacity > 0 else { return }
        try database.write { connection in
            try connection.run(
                "INSERT INTO samples (pipeline, label, window_start_ms, features) VALUES (?1, ?2, ?3, ?4)",
                .integer(Int64(bitPattern: pipeline.value)),
                .text(sample.label),
                .integer(sample.windowStartMs),
                .blob(FloatBlob.encode(sample.values))
            )
            try connection.run(
                """
                DELETE FROM samples WHERE pipeline = ?1 AND id <= (
                    SELECT id FROM samples WHERE pipeline = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)
                """,
                .integer(Int64(bitPattern: pipeline.value)),
                .integer(Int64(capacity))
            )
        }
    }

    /// Up to `limit` samples of `pipeline`, newest first.
    /// - Throws: `SQLiteError`, also `.corrupt` for a row whose features are not whole float32 values.
    public func samples(pipeline: PipelineFingerprint, limit: Int) throws -> [LabelledSample] {
        try database.read { connection in
            try connection.query(
                "SELECT label, window_start_ms, features FROM samples WHERE pipeline = ?1 ORDER BY id DESC LIMIT ?2",
                .integer(Int64(bitPattern: pipeline.value)),
                .integer(Int64(limit))
            ).map { row in
                guard case .text(let label) = try row[0], case .integer(let start) = try row[1],
                    case .blob(let bytes) = try row[2],
                    !bytes.isEmpty, bytes.count % 4 == 0
                else {
                    throw SQLiteError(code: .corrupt, message: "malformed sample row", path: database.path)
                }
                return LabelledSample(label: label, windowStartMs: start, values: FloatBlob.decode(bytes) ?? [])
            }
        }
    }

    /// How many samples of `pipeline` are kept.
    public func sampleCount(pipeline: PipelineFingerprint) throws -> Int {
        try database.read { connection in
            let value = try connection.scalar(
                "SELECT count(*) FROM samples WHERE pipeline = ?1",
                .integer(Int64(bitPattern: pipeline.value))
            )
            return Int(value?.int64 ?? 0)
        }
    }
}
