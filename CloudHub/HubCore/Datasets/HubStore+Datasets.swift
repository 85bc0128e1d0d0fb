import FoundationEssentials
import SQLiteStorage
import SensorDataset
import SignalFeatures
import UpdateSigning
import WireProtocol

/// The dataset store: labelled raw windows (as `firmware-sim export` writes them, or as devices label them) kept in
/// snapshots named by a content hash.
///
/// Windows are stored raw (their encoded ``SensorFrame``) and featurised when a model is trained, with the pipeline
/// the training config chooses and the very code the devices run: a new pipeline needs no re-import, and the hash
/// names the data rather than one featurisation of it.
extension HubStore {
    /// The content hash of `windows`: SHA-256 (hex) of the newline-joined SHA-256 digests of each window's
    /// `device NUL sensor NUL label NUL encoded frame`, in order.
    public static func snapshotHash(of windows: [LabelledWindow]) -> String {
        let digests = windows.map { window in
            var bytes = Array("\(window.device.rawValue)\0\(window.sensor)\0\(window.label)\0".utf8)
            bytes += window.frame.encode()
            return ArtifactDigest.sha256(bytes)
        }
        return ArtifactDigest.sha256(Array(digests.joined(separator: "\n").utf8))
    }

    /// Stores `windows` as a snapshot, or returns the snapshot that already holds the same content.
    /// - Throws: `DatasetStoreError.emptyDataset`; `SQLiteError`.
    @discardableResult
    public func importDataset(_ windows: [LabelledWindow], source: String, now: Int64) throws -> DatasetSnapshot {
        guard !windows.isEmpty else { throw DatasetStoreError(.emptyDataset, "\(source): no windows") }
        let hash = Self.snapshotHash(of: windows)
        let labels = windows.reduce(into: [String: Int]()) { $0[$1.label, default: 0] += 1 }
        try database.write { connection in
            let inserted = try connection.run(
                """
                INSERT INTO dataset_snapshots (hash, source, created_ms, windows, labels) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT DO NOTHING
                """,
                .text(hash),
                .text(source),
                .integer(now),
                .integer(Int64(windows.count)),
                .text(Self.json(labels))
            )
            guard inserted > 0 else { return }
            let insert = try connection.statement(
                "INSERT INTO dataset_windows (snapshot, idx, device, sensor, label, frame) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            )
            try insert.bind(hash, at: 1)
            for (index, window) in windows.enumerated() {
                try insert.bind(Int64(index), at: 2)
                try insert.bind(window.device.rawValue, at: 3)
                try insert.bind(window.sensor, at: 4)
                try insert.bind(window.label, at: 5)
                try insert.bind(window.frame.encode(), at: 6)
                _ = try insert.step()
                try insert.reset()
            }
        }
        return try dataset(hash)
    }

    /// Every snapshot, oldest first.
    public func datasets() throws -> [DatasetSnapshot] {
        try database.read { connection in
            try connection.query(
                """
                SELECT hash, source, created_ms, windows, labels, pipeline FROM dataset_snapshots
                ORDER BY created_ms, hash
                """
            ).map { row in
                DatasetSnapshot(
                    hash: try row[0].string ?? "",
                    source: try row[1].string ?? "",
                    createdMs: try row[2].int64 ?? 0,
                    windows: Int(try row[3].int64 ?? 0),
                    labels: (try row[4].string).flatMap {
                        try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8))
                    } ?? [:],
                    pipeline: (try row[5].string).flatMap {
                        try? JSONDecoder().decode(FeaturePipelineConfig.self, from: Data($0.utf8))
                    }
                )
            }
        }
    }

    /// The snapshot whose hash is or starts with `reference` (at least 8 hex digits for a prefix).
    /// - Throws: `DatasetStoreError.unknownSnapshot` when none or several match.
    public func dataset(_ reference: String) throws -> DatasetSnapshot {
        let matches = try datasets().filter {
            $0.hash == reference || (reference.count >= 8 && $0.hash.hasPrefix(reference))
        }
        guard matches.count == 1 else {
            throw DatasetStoreError(
                .unknownSnapshot,
                "\(reference): \(matches.isEmpty ? "no such snapshot" : "\(matches.count) snapshots match")"
            )
        }
        return matches[0]
    }

    /// The windows of a snapshot, in their stored order.
    /// - Throws: `DatasetStoreError` `.unknownSnapshot`, `.corruptWindow` naming the window.
    public func datasetWindows(_ reference: String) throws -> [LabelledWindow] {
        let snapshot = try dataset(reference)
        guard snapshot.pipeline == nil else {
            throw DatasetStoreError(.wrongKind, "\(snapshot.hash) holds feature vectors, not raw windows")
        }
        let hash = snapshot.hash
        return try database.read { connection in
            try connection.query(
                "SELECT idx, device, sensor, label, frame FROM dataset_windows WHERE snapshot = ?1 ORDER BY idx",
                .text(hash)
            ).map { row in
                let index = try row[0].int64 ?? -1
                do {
                    return try LabelledWindow(
                        device: DeviceID(try row[1].string ?? ""),
                        sensor: try row[2].string ?? "",
                        label: try row[3].string ?? "",
                        frame: SensorFrame.decode(try row[4].blob ?? [])
                    )
                } catch let error as WireError {
                    throw DatasetStoreError(.corruptWindow, "\(hash) window \(index): \(error)")
                }
            }
        }
    }
}
