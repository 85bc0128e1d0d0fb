/// Brings a database's schema up to date from an ordered list of migrations, tracked in `PRAGMA user_version`.
///
/// Run it at start, before anything else uses the database.
public struct SQLiteMigrator: Sendable {
    /// The migrations, in strictly increasing version order.
    public let migrations: [Migration]

    /// A migrator for `migrations`.
    ///
    /// Throws `.invalidMigrationList` when the list is empty, a version is below 1 (0 is the empty database), or
    /// the versions are not strictly increasing.
    public init(_ migrations: [Migration]) throws(SQLiteMigrationError) {
        guard !migrations.isEmpty else {
            throw SQLiteMigrationError(code: .invalidMigrationList, version: nil, message: "no migrations given")
        }
        for (index, migration) in migrations.enumerated() {
            guard migration.version >= 1 else {
                let message = "migration \(migration.name) has version \(migration.version); versions start at 1"
                throw SQLiteMigrationError(code: .invalidMigrationList, version: migration.version, message: message)
            }
            if index > 0, migrations[index - 1].version >= migration.version {
                let previous = migrations[index - 1]
                let message =
                    "versions must strictly increase: \(previous.name) (\(previous.version)) is followed by "
                    + "\(migration.name) (\(migration.version))"
                throw SQLiteMigrationError(code: .invalidMigrationList, version: migration.version, message: message)
            }
        }
        self.migrations = migrations
    }

    /// The newest version the migrations produce.
    public var latestVersion: Int32 { migrations[migrations.count - 1].version }

    /// Applies, in order, every migration whose version is above the database's `user_version`, each in its own
    /// `BEGIN IMMEDIATE` transaction that also sets `user_version`; returns the versions applied (empty when the
    /// database was up to date).
    ///
    /// A failing migration is rolled back and throws `.migrationFailed`; the ones before it stay applied, so a
    /// fixed binary resumes where it stopped. Throws `.databaseNewerThanMigrations` when the database is newer than
    /// `latestVersion`, and `.versionUnreadable` when `user_version` cannot be read.
    @discardableResult
    public func migrate(_ database: SQLiteDatabase) throws(SQLiteMigrationError) -> [Int32] {
        // A read first, so an up-to-date database (read-only ones included) takes no write lock.
        let current = try userVersion(database)
        guard current <= latestVersion else { throw newerThanKnown(current) }
        var applied: [Int32] = []
        for migration in migrations where migration.version > current {
            let ran: Bool
            do {
                ran = try database.write { connection in
                    // Read again inside the write lock, so two processes starting together apply each step once.
                    let version = try Self.userVersion(connection)
                    guard version <= latestVersion else { throw newerThanKnown(version) }
                    guard version < migration.version else { return false }
                    try connection.execute(migration.sql)
                    // A script that ended the transaction must not get its version recorded outside of it.
                    guard !connection.handle.isAutocommit else {
                        throw SQLiteMigrationError(
                            code: .migrationFailed,
                            version: migration.version,
                            message: "migration \(migration.version) (\(migration.name)) ended the transaction "
                                + "itself; statements before its COMMIT/ROLLBACK may have been applied"
                        )
                    }
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                    return true
                }
            } catch let error as SQLiteMigrationError {
                throw error
            } catch {
                throw SQLiteMigrationError(
                    code: .migrationFailed,
                    version: migration.version,
                    message: "migration \(migration.version) (\(migration.name)) failed and was rolled back",
                    underlying: error as? SQLiteError
                )
            }
            if ran {
                applied.append(migration.version)
            }
        }
        return applied
    }

    private func newerThanKnown(_ version: Int32) -> SQLiteMigrationError {
        SQLiteMigrationError(
            code: .databaseNewerThanMigrations,
            version: version,
            message: "the database is at schema version \(version) but this binary knows migrations only up to "
                + "\(latestVersion); it is older than the data, refusing to use it"
        )
    }

    private func userVersion(_ database: SQLiteDatabase) throws(SQLiteMigrationError) -> Int32 {
        do {
            return try database.read { connection in try Self.userVersion(connection) }
        } catch let error as SQLiteMigrationError {
            throw error
        } catch {
            throw Self.unreadable(error as? SQLiteError)
        }
    }

    private static func userVersion(_ connection: Connection) throws(SQLiteMigrationError) -> Int32 {
        let value: SQLiteValue?
        do throws(SQLiteError) {
            value = try connection.scalar("PRAGMA user_version")
        } catch {
            throw unreadable(error)
        }
        // user_version is a 32-bit field of the file header, so SQLite returns an integer that fits.
        guard let version = value?.int64, let narrow = Int32(exactly: version) else {
            throw unreadable(nil)
        }
        return narrow
    }

    private static func unreadable(_ error: SQLiteError?) -> SQLiteMigrationError {
        SQLiteMigrationError(
            code: .versionUnreadable,
            version: nil,
            message: "cannot read PRAGMA user_version",
            underlying: error
        )
    }
}
