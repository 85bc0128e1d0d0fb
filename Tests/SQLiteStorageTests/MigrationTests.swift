import SQLiteStorage
import Testing

@Suite struct MigrationTests {
    static let migrations = [
        Migration(version: 1, name: "create_outbox", sql: "CREATE TABLE outbox(id INTEGER PRIMARY KEY, payload BLOB);"),
        Migration(
            version: 2,
            name: "add_topic",
            sql: "ALTER TABLE outbox ADD COLUMN topic TEXT; CREATE INDEX outbox_topic ON outbox(topic);"
        ),
        Migration(version: 5, name: "create_slots", sql: "CREATE TABLE slots(name TEXT PRIMARY KEY);"),
    ]

    private func userVersion(_ database: SQLiteDatabase) throws -> SQLiteValue? {
        try database.read { try $0.scalar("PRAGMA user_version") }
    }

    @Test func appliesEachMigrationOnceAcrossReopen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("migrated.sqlite")
            let migrator = try SQLiteMigrator(Self.migrations)
            do {
                let database = try SQLiteDatabase(path: path)
                #expect(try migrator.migrate(database) == [1, 2, 5])
                #expect(try migrator.migrate(database) == [])
                try database.write { try $0.run("INSERT INTO outbox(payload, topic) VALUES (x'00', 't')") }
            }
            let reopened = try SQLiteDatabase(path: path)
            #expect(try migrator.migrate(reopened) == [])
            #expect(try userVersion(reopened) == .integer(5))
            #expect(try reopened.read { try $0.scalar("SELECT count(*) FROM outbox") } == .integer(1))
        }
    }

    @Test func appliesOnlyMigrationsNewerThanTheDatabase() throws {
        try withTemporaryDatabase { database, _ in
            #expect(try SQLiteMigrator(Array(Self.migrations.prefix(1))).migrate(database) == [1])
            #expect(try SQLiteMigrator(Self.migrations).migrate(database) == [2, 5])
            let columns = try database.read { try $0.query("SELECT name FROM pragma_table_info('outbox')") }
            #expect(columns.map(\.values) == [[.text("id")], [.text("payload")], [.text("topic")]])
        }
    }

    @Test func refusesDatabaseNewerThanKnownMigrations() throws {
        try withTemporaryDatabase { database, _ in
            try SQLiteMigrator(Self.migrations).migrate(database)
            try database.write { try $0.execute("PRAGMA user_version = 9") }
            let error = #expect(throws: SQLiteMigrationError.self) {
                try SQLiteMigrator(Self.migrations).migrate(database)
            }
            #expect(error?.code == .databaseNewerThanMigrations)
            #expect(error?.version == 9)
            #expect(error?.description.contains("version 9") == true)
            #expect(error?.description.contains("up to 5") == true)
            #expect(try userVersion(database) == .integer(9))
        }
    }

    @Test(arguments: [
        [Int32](),
        [1, 1],
        [1, 3, 2],
        [0, 1],
        [-4, 2],
        [2, 5, 5, 6],
    ])
    func refusesInvalidMigrationList(versions: [Int32]) {
        let migrations = versions.map { Migration(version: $0, name: "m\($0)", sql: "SELECT 1") }
        let error = #expect(throws: SQLiteMigrationError.self) { try SQLiteMigrator(migrations) }
        #expect(error?.code == .invalidMigrationList)
    }

    @Test func failingMigrationRollsBackAndKeepsEarlierOnes() throws {
        try withTemporaryDatabase { database, _ in
            let broken =
                Self.migrations.prefix(2) + [
                    Migration(version: 3, name: "broken", sql: "CREATE TABLE half(x); INSERT INTO nowhere VALUES (1);")
                ]
            let error = #expect(throws: SQLiteMigrationError.self) {
                try SQLiteMigrator(Array(broken)).migrate(database)
            }
            #expect(error?.code == .migrationFailed)
            #expect(error?.version == 3)
            #expect(error?.underlying?.code == .error)
            #expect(error?.description.contains("migration 3 (broken) failed") == true)
            #expect(error?.description.contains("no such table: nowhere") == true)
            #expect(try userVersion(database) == .integer(2))
            let half = try database.read { try $0.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") }
            #expect(half == .integer(0))
        }
    }

    @Test func migrationThatEndsItsOwnTransactionFails() throws {
        try withTemporaryDatabase { database, _ in
            let migrations = [Migration(version: 1, name: "commits", sql: "CREATE TABLE t(x); COMMIT;")]
            let error = #expect(throws: SQLiteMigrationError.self) { try SQLiteMigrator(migrations).migrate(database) }
            #expect(error?.code == .migrationFailed)
            #expect(error?.message.contains("ended the transaction itself") == true)
            let version = try userVersion(database)
            #expect(version == .integer(0))
        }
    }

    @Test func upToDateReadOnlyDatabaseNeedsNoWrite() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("db.sqlite")
            try SQLiteMigrator(Self.migrations).migrate(try SQLiteDatabase(path: path))
            let reader = try SQLiteDatabase(path: path, options: .init(readOnly: true))
            #expect(try SQLiteMigrator(Self.migrations).migrate(reader) == [])
        }
    }
}
