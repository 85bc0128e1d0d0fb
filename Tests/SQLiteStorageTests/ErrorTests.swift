import SQLiteStorage
import Testing

@Suite struct ErrorTests {
    @Test func constraintViolationNamesCodeMessageSQLAndFile() throws {
        try withTemporaryDatabase { database, directory in
            try database.write { try $0.execute("CREATE TABLE t(id INTEGER NOT NULL UNIQUE)") }
            let sql = "INSERT INTO t(id) VALUES (?)"
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    try connection.run(sql, 1)
                    try connection.run(sql, 1)
                }
            }
            #expect(error?.code == .constraint)
            #expect(error?.extendedCode == .constraintUnique)
            #expect(error?.sql == sql)
            #expect(error?.path == directory.file("test.sqlite"))
            #expect(
                error?.description
                    == "SQLite error 19 (constraint, UNIQUE constraint failed: t.id) in \"\(sql)\" on \(directory.file("test.sqlite"))"
            )
        }
    }

    @Test func constraintFailureInHotLoopNamesTheStatement() throws {
        try withTemporaryDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE t(id INTEGER NOT NULL)") }
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    let insert = try connection.statement("INSERT INTO t(id) VALUES (?)")
                    try insert.bind(nil, at: 1)
                    _ = try insert.step()
                }
            }
            #expect(error?.extendedCode == .constraintNotNull)
            #expect(error?.sql == "INSERT INTO t(id) VALUES (?)")
        }
    }

    @Test func fullDiskSurfacesAsFullAndKeepsCommittedData() throws {
        try withTemporaryDatabase { database, _ in
            let payload = (0..<1_000).map { UInt8(truncatingIfNeeded: $0) }
            try database.write { connection in
                try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
                for _ in 0..<20 {
                    try connection.run("INSERT INTO t(payload) VALUES (?)", .blob(payload))
                }
            }
            try database.withConnection { connection in
                let pages = try #require(try connection.scalar("PRAGMA page_count")?.int64)
                // max_page_count is per connection, so this caps only this database handle.
                try connection.run("PRAGMA max_page_count = \(pages + 2)")
            }
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    for _ in 0..<1_000 {
                        try connection.run("INSERT INTO t(payload) VALUES (?)", .blob(payload))
                    }
                }
            }
            #expect(error?.code == .full)
            #expect(error?.description.contains("database or disk is full") == true)

            let rows = try database.read { try $0.query("SELECT id, payload FROM t ORDER BY id") }
            #expect(rows.count == 20)
            #expect(rows.allSatisfy { $0.values.last == .blob(payload) })
            #expect(rows.map { $0.values.first } == (1...20).map { .integer(Int64($0)) })
            // Writes that fit still succeed afterwards.
            try database.write { try $0.run("DELETE FROM t WHERE id = 20") }
        }
    }

    @Test(arguments: [
        (ResultCode.busy, "busy"), (.constraintUnique, "constraint"), (.notADatabase, "notADatabase"),
        (.cantOpen, "cantOpen"), (.full, "full"), (ResultCode(rawValue: 99), "code 99"),
    ])
    func resultCodeNamesItsPrimaryCode(code: ResultCode, name: String) {
        #expect(code.description == name)
    }

    @Test func errorFoldsExtendedCodeToPrimary() {
        let error = SQLiteError(code: .constraintForeignKey, message: "FOREIGN KEY constraint failed", path: "/x")
        #expect(error.code == .constraint)
        #expect(error.extendedCode.rawValue == 787)
        #expect(error.description == "SQLite error 19 (constraint, FOREIGN KEY constraint failed) on /x")
    }
}
