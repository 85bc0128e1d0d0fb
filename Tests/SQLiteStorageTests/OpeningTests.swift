import Foundation
import SQLiteStorage
import Testing

@Suite struct OpeningTests {
    @Test func opensFileInWALModeByDefault() throws {
        try withTemporaryDatabase { database, directory in
            let mode = try database.read { try $0.scalar("PRAGMA journal_mode") }
            #expect(mode == .text("wal"))
            try database.write { try $0.execute("CREATE TABLE t(x)") }
            // WAL really is in use: the write left a -wal file beside the database.
            #expect(FileManager.default.fileExists(atPath: directory.file("test.sqlite-wal")))
        }
    }

    @Test(arguments: [
        (SQLiteDatabase.Options(), "wal", 1, 1, 5_000),
        (
            SQLiteDatabase.Options(synchronous: .full, busyTimeoutMilliseconds: 250, foreignKeys: false), "wal", 2, 0,
            250
        ),
        (SQLiteDatabase.Options(journalMode: .delete, busyTimeoutMilliseconds: 0), "delete", 1, 1, 0),
    ])
    func appliesOptions(
        options: SQLiteDatabase.Options,
        journal: String,
        synchronous: Int64,
        foreignKeys: Int64,
        busy: Int64
    )
        throws
    {
        try withTemporaryDatabase(options: options) { database, _ in
            let values = try database.read { connection in
                try [
                    "PRAGMA journal_mode", "PRAGMA synchronous", "PRAGMA foreign_keys", "PRAGMA busy_timeout",
                ].map { try connection.scalar($0) }
            }
            #expect(values == [.text(journal), .integer(synchronous), .integer(foreignKeys), .integer(busy)])
        }
    }

    @Test func enforcesForeignKeysByDefault() throws {
        try withTemporaryDatabase { database, _ in
            try database.write {
                try $0.execute(
                    "CREATE TABLE parent(id INTEGER PRIMARY KEY); CREATE TABLE child(parent INTEGER REFERENCES parent(id));"
                )
            }
            let error = #expect(throws: SQLiteError.self) {
                try database.write { try $0.run("INSERT INTO child VALUES (42)") }
            }
            #expect(error?.code == .constraint)
            #expect(error?.extendedCode == .constraintForeignKey)
        }
    }

    @Test func opensInMemoryDatabase() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let count = try database.write { connection in
            try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);")
            return try connection.scalar("SELECT count(*) FROM t")
        }
        #expect(count == .integer(2))
        #expect(try database.read { try $0.scalar("PRAGMA journal_mode") } == .text("memory"))
    }

    @Test func refusesPathInMissingDirectory() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("missing/child/db.sqlite")
            let error = #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: path) }
            #expect(error?.code == .cantOpen)
            #expect(error?.path == path)
            #expect(error?.description.contains("unable to open database file") == true)
            #expect(error?.description.contains("No such file or directory") == true)
            #expect(error?.description.hasSuffix("on \(path)") == true)
        }
    }

    @Test(arguments: [
        [UInt8](repeating: 0xA5, count: 4096),
        Array("this is a text file, not a database\n".utf8),
        (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) },
    ])
    func refusesFileThatIsNotADatabase(contents: [UInt8]) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("garbage.sqlite")
            #expect(FileManager.default.createFile(atPath: path, contents: Data(contents)))
            let error = #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: path) }
            #expect(error?.code == .notADatabase)
            #expect(error?.description.contains("file is not a database") == true)
            #expect(error?.description.hasSuffix("on \(path)") == true)
            // Refusing it must not have touched the file.
            #expect(FileManager.default.contents(atPath: path) == Data(contents))
        }
    }

    @Test func refusesNegativeBusyTimeout() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: SQLiteError.self) {
                try SQLiteDatabase(path: directory.file("db.sqlite"), options: .init(busyTimeoutMilliseconds: -1))
            }
            #expect(error?.code == .misuse)
            #expect(error?.message.contains("-1 ms") == true)
        }
    }

    @Test func refusesPathWithNULByte() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: SQLiteError.self) {
                try SQLiteDatabase(path: directory.file("db\u{0}.sqlite"))
            }
            #expect(error?.code == .cantOpen)
        }
    }

    @Test func readOnlyOpenRefusesMissingFile() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: SQLiteError.self) {
                try SQLiteDatabase(path: directory.file("absent.sqlite"), options: .init(readOnly: true))
            }
            #expect(error?.code == .cantOpen)
        }
    }

    @Test func readOnlyOpenReadsButRefusesWrites() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("db.sqlite")
            let writer = try SQLiteDatabase(path: path)
            try writer.write { try $0.execute("CREATE TABLE t(x); INSERT INTO t VALUES (7);") }
            let reader = try SQLiteDatabase(path: path, options: .init(readOnly: true))
            #expect(try reader.read { try $0.scalar("SELECT x FROM t") } == .integer(7))
            let error = #expect(throws: SQLiteError.self) {
                try reader.write { try $0.run("INSERT INTO t VALUES (8)") }
            }
            #expect(error?.code == .readOnly)
            #expect(try writer.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(1))
        }
    }

    @Test func reopenSeesCommittedData() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("db.sqlite")
            do {
                let database = try SQLiteDatabase(path: path)
                try database.write { try $0.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('kept');") }
            }
            let reopened = try SQLiteDatabase(path: path)
            #expect(try reopened.read { try $0.scalar("SELECT x FROM t") } == .text("kept"))
        }
    }
}
