import SQLiteStorage
import UpdateSigning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two model slots and the versions the device trusts. A new artifact is written (fsynced, renamed) into the
/// slot not in use before its row is committed, and the switch is one row update, so after a power cut at any point
/// the device runs the old model or the complete new one. A slot file whose SHA-256 no longer matches its row is
/// refused when loaded.
extension EdgeStateStore {
    /// Largest artifact a slot holds, bytes.
    public static let maxArtifactBytes = 64 << 20

    /// Where a slot's artifact lives.
    public func artifactPath(_ slot: ModelSlot) -> String {
        "\(directory)/models/\(slot.rawValue).edgemodel"
    }

    /// The active and standby slots.
    public func modelSlots() throws -> ModelSlots {
        try database.read { connection in
            let active = try connection.scalar("SELECT slot FROM active_slot WHERE id = 1")?.string
                .flatMap(ModelSlot.init(rawValue:))
            let installed = try connection.query(
                "SELECT slot, name, version, sha256, size, installed_ms FROM model_slots"
            ).compactMap { row -> InstalledModel? in
                guard let slot = ModelSlot(rawValue: try row[0].string ?? "") else { return nil }
                return InstalledModel(
                    slot: slot,
                    name: try row[1].string ?? "",
                    version: UInt32(clamping: try row[2].int64 ?? 0),
                    sha256: try row[3].string ?? "",
                    size: Int(try row[4].int64 ?? 0),
                    installedMs: try row[5].int64 ?? 0
                )
            }
            let bySlot = Dictionary(installed.map { ($0.slot, $0) }) { first, _ in first }
            return ModelSlots(
                active: active.flatMap { bySlot[$0] },
                standby: bySlot[(active ?? .b).other]
            )
        }
    }

    /// Writes `artifact` into the slot not in use (replacing what it held) without switching to it.
    /// - Returns: the staged model.
    /// - Throws: `SQLiteError`, or `AtomicFile.Failure` when the file cannot be written (for example a full disk);
    ///   the active slot is untouched either way.
    @discardableResult
    public func stageModel(name: String, version: UInt32, artifact: [UInt8], now: Int64) throws -> InstalledModel {
        let slot = try modelSlots().active?.slot.other ?? .a
        let folder = "\(directory)/models"
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw AtomicFile.Failure(path: folder, operation: "mkdir", code: errno)
        }
        try AtomicFile.write(artifact, to: artifactPath(slot))
        let model = InstalledModel(
            slot: slot,
            name: name,
            version: version,
            sha256: ArtifactDigest.sha256(artifact),
            size: artifact.count,
            installedMs: now
        )
        try database.write { connection in
            try connection.run(
                """
                INSERT OR REPLACE INTO model_slots (slot, name, version, sha256, size, installed_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """,
                .text(slot.rawValue),
                .text(name),
                .integer(Int64(version)),
                .text(model.sha256),
                .integer(Int64(artifact.count)),
                .integer(now)
            )
        }
        return model
    }

    /// Makes `slot` the active one (a switch to a staged model, or a rollback to the previous one).
    /// - Throws: `SQLiteError` `.constraint`-like failure when the slot holds no model.
    public func activate(_ slot: ModelSlot) throws {
        try database.write { connection in
            let installed = try connection.scalar(
                "SELECT count(*) FROM model_slots WHERE slot = ?1",
                .text(slot.rawValue)
            )?.int64
            guard installed == 1 else {
                throw SQLiteError(
                    code: .constraint,
                    message: "slot \(slot.rawValue) holds no model",
                    path: database.path
                )
            }
            try connection.run("UPDATE active_slot SET slot = ?1 WHERE id = 1", .text(slot.rawValue))
        }
    }

    /// The artifact bytes of `model`, checked against its recorded SHA-256.
    /// - Throws: `ModelSlotError` when the file is missing, unreadable or not the recorded bytes.
    public func loadArtifact(_ model: InstalledModel) throws(ModelSlotError) -> [UInt8] {
        let path = artifactPath(model.slot)
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(path, maxBytes: Self.maxArtifactBytes)
        } catch {
            throw ModelSlotError(.unreadable, "\(error)")
        }
        guard let bytes else { throw ModelSlotError(.missing, "\(path) does not exist") }
        guard ArtifactDigest.sha256(bytes) == model.sha256 else {
            throw ModelSlotError(.corrupt, "\(path) is not \(model.name)@\(model.version) (SHA-256 differs)")
        }
        return bytes
    }

    /// The highest version of `name` this device has trusted, nil for none. Kept across restarts: the anti-rollback
    /// floor.
    public func trustedVersion(of name: String) throws -> UInt32? {
        try database.read { connection in
            try connection.scalar("SELECT version FROM trusted_versions WHERE name = ?1", .text(name))?.int64
                .map { UInt32(clamping: $0) }
        }
    }

    /// Raises the trusted version of `name` to `version` (never lowers it).
    public func trust(_ name: String, version: UInt32) throws {
        try database.write { connection in
            try connection.run(
                """
                INSERT INTO trusted_versions (name, version) VALUES (?1, ?2)
                ON CONFLICT (name) DO UPDATE SET version = max(version, excluded.version)
                """,
                .text(name),
                .integer(Int64(version))
            )
        }
    }
}

/// Why a slot's artifact cannot be used.
public struct ModelSlotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The slot's file does not exist.
        case missing
        /// The file cannot be read.
        case unreadable
        /// The file is not the bytes recorded for the slot.
        case corrupt
    }

    /// What went wrong.
    public let code: Code
    /// The path and model involved.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
