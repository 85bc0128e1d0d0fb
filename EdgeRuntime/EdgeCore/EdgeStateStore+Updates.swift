import SQLiteStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an over-the-air update keeps between restarts besides the slots: the partial download (a file per
/// `name@version` that grows by fsynced appends, so a restart resumes from its size), the slot switched to but not yet
/// committed (its health check runs again after a restart), and the versions whose health check failed (never tried
/// again).
extension EdgeStateStore {
    /// Where the partial download of `name@version` lives.
    public func partialPath(name: String, version: UInt32) -> String {
        "\(directory)/models/\(name)@\(version).part"
    }

    /// Bytes of the partial download of `name@version` on disk, 0 for none.
    public func partialSize(name: String, version: UInt32) -> UInt64 {
        AtomicFile.size(partialPath(name: name, version: version))
    }

    /// Appends `data` to the partial download of `name@version`.
    /// - Throws: `AtomicFile.Failure` (for example a full disk).
    public func appendPartial(name: String, version: UInt32, data: [UInt8]) throws {
        let folder = "\(directory)/models"
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw AtomicFile.Failure(path: folder, operation: "mkdir", code: errno)
        }
        try AtomicFile.append(data, to: partialPath(name: name, version: version))
    }

    /// The partial download of `name@version`, empty for none.
    /// - Throws: `AtomicFile.Failure`, also for a file over ``maxArtifactBytes``.
    public func readPartial(name: String, version: UInt32) throws -> [UInt8] {
        try AtomicFile.read(partialPath(name: name, version: version), maxBytes: Self.maxArtifactBytes) ?? []
    }

    /// Deletes the partial download of `name@version`, if any.
    public func discardPartial(name: String, version: UInt32) {
        unlink(partialPath(name: name, version: version))
    }

    /// Leaves no slot active (after a first install failed its health check: no previous model to go back to).
    public func deactivateModel() throws {
        try database.write { connection in
            try connection.run("UPDATE active_slot SET slot = NULL WHERE id = 1")
        }
    }

    /// Marks `slot` as switched to but not committed (nil: none).
    public func setUncommittedSlot(_ slot: ModelSlot?) throws {
        try database.write { connection in
            try connection.run(
                "UPDATE uncommitted_slot SET slot = ?1 WHERE id = 1",
                slot.map { .text($0.rawValue) } ?? .null
            )
        }
    }

    /// The slot switched to by an update and not yet committed, nil for none.
    public func uncommittedSlot() throws -> ModelSlot? {
        try database.read { connection in
            try connection.scalar("SELECT slot FROM uncommitted_slot WHERE id = 1")?.string.flatMap(ModelSlot.init)
        }
    }

    /// Remembers that `name@version` failed its health check.
    public func markFailed(name: String, version: UInt32) throws {
        try database.write { connection in
            try connection.run(
                "INSERT OR IGNORE INTO failed_updates (name, version) VALUES (?1, ?2)",
                .text(name),
                .integer(Int64(version))
            )
        }
    }

    /// Whether `name@version` failed its health check before.
    public func hasFailed(name: String, version: UInt32) throws -> Bool {
        try database.read { connection in
            try connection.scalar(
                "SELECT count(*) FROM failed_updates WHERE name = ?1 AND version = ?2",
                .text(name),
                .integer(Int64(version))
            )?.int64 == 1
        }
    }
}
