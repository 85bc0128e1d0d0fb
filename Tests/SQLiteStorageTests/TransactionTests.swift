import SQLiteStorage
import TestSupport
import Testing

@Suite struct TransactionTests {
    private func makeTable(_ database: SQLiteDatabase) throws {
        try database.write { try $0.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, note TEXT)") }
    }

    private func count(_ database: SQLiteDatabase) throws -> SQLiteValue? {
        try database.read { try $0.scalar("SELECT count(*) FROM t") }
    }

    @Test func writeCommitsWhenBodyReturns() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let id = try database.write { connection in
                try connection.run("INSERT INTO t(note) VALUES (?)", "kept")
                return try connection.lastInsertRowID
            }
            #expect(id == 1)
            #expect(try count(database) == .integer(1))
        }
    }

    @Test func writeRollsBackAndRethrowsBodyErrorUnchanged() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            #expect(throws: ProbeError(id: 7)) {
                try database.write { connection in
                    for index in 0..<50 {
                        try connection.run("INSERT INTO t(note) VALUES (?)", .text("row \(index)"))
                    }
                    throw ProbeError(id: 7)
                }
            }
            #expect(try count(database) == .integer(0))
            // The connection is usable afterwards: no transaction was left open.
            try database.write { try $0.run("INSERT INTO t(note) VALUES ('after')") }
            #expect(try count(database) == .integer(1))
        }
    }

    @Test func writeRollsBackWhenAStatementFails() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    try connection.run("INSERT INTO t(id, note) VALUES (1, 'a')")
                    try connection.run("INSERT INTO t(id, note) VALUES (1, 'duplicate')")
                }
            }
            #expect(error?.extendedCode == .constraintPrimaryKey)
            #expect(try count(database) == .integer(0))
        }
    }

    @Test(arguments: AccessKind.allCases, AccessKind.allCases)
    func nestedAccessIsRefusedWithoutDeadlock(outer: AccessKind, inner: AccessKind) throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let error = #expect(throws: SQLiteError.self) {
                try outer.run(database) { _ in
                    try inner.run(database) { try $0.scalar("SELECT 1") }
                }
            }
            #expect(error?.code == .misuse)
            #expect(error?.message.contains("nested database access") == true)
            // Both the lock and the transaction state were released.
            try database.write { try $0.run("INSERT INTO t(note) VALUES ('after')") }
            #expect(try count(database) == .integer(1))
        }
    }

    @Test func readSeesOneSnapshotAndRefusesWrites() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            try database.write { try $0.run("INSERT INTO t(note) VALUES ('a')") }
            let error = #expect(throws: SQLiteError.self) {
                try database.read { try $0.run("INSERT INTO t(note) VALUES ('written in a read')") }
            }
            #expect(error?.code == .readOnly)
            #expect(try count(database) == .integer(1))
        }
    }

    @Test(arguments: ["COMMIT", "ROLLBACK"])
    func endingTheTransactionInsideWriteIsMisuse(statement: String) throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    try connection.execute(statement)
                }
            }
            #expect(error?.code == .misuse)
            #expect(error?.message.contains("transaction ended inside the closure") == true)
            try database.write { try $0.run("INSERT INTO t(note) VALUES ('after')") }
        }
    }

    @Test func beginInsideWriteFailsCleanly() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let error = #expect(throws: SQLiteError.self) {
                try database.write { connection in
                    try connection.run("INSERT INTO t(note) VALUES ('rolled back')")
                    try connection.execute("BEGIN")
                }
            }
            #expect(error?.code == .error)
            #expect(error?.message.contains("within a transaction") == true)
            #expect(try count(database) == .integer(0))
        }
    }

    @Test func withConnectionAutocommitsEachStatement() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            #expect(throws: ProbeError(id: 1)) {
                try database.withConnection { connection in
                    try connection.run("INSERT INTO t(note) VALUES ('committed on its own')")
                    throw ProbeError(id: 1)
                }
            }
            #expect(try count(database) == .integer(1))
        }
    }

    @Test func withConnectionRollsBackTransactionLeftOpen() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            let error = #expect(throws: SQLiteError.self) {
                try database.withConnection { connection in
                    try connection.execute("BEGIN; INSERT INTO t(note) VALUES ('left open');")
                }
            }
            #expect(error?.code == .misuse)
            #expect(try count(database) == .integer(0))
            // Explicit transactions that end inside the closure are fine.
            try database.withConnection { try $0.execute("BEGIN; INSERT INTO t(note) VALUES ('ok'); COMMIT;") }
            #expect(try count(database) == .integer(1))
        }
    }

    @Test func connectionAndStatementRefuseUseAfterTheirClosure() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            var escapedConnection: Connection?
            var escapedStatement: Statement?
            try database.write { connection in
                escapedConnection = connection
                escapedStatement = try connection.statement("INSERT INTO t(note) VALUES (?)")
            }
            let connection = try #require(escapedConnection)
            let statement = try #require(escapedStatement)
            let runError = #expect(throws: SQLiteError.self) {
                try connection.run("INSERT INTO t(note) VALUES ('late')")
            }
            #expect(runError?.code == .misuse)
            #expect(throws: SQLiteError.self) { try connection.lastInsertRowID }
            #expect(throws: SQLiteError.self) { try statement.bind("late", at: 1) }
            #expect(throws: SQLiteError.self) { try statement.step() }
            // Still refused while a later closure holds the connection.
            try database.write { _ in
                #expect(throws: SQLiteError.self) { try statement.step() }
            }
            #expect(try count(database) == .integer(0))
        }
    }

    @Test func statementMidIterationDoesNotBlockCommit() throws {
        try withTemporaryDatabase { database, _ in
            try makeTable(database)
            try database.write { connection in
                try connection.execute("INSERT INTO t(note) VALUES ('a'), ('b');")
                let select = try connection.statement("SELECT note FROM t")
                #expect(try select.step())
            }
            #expect(try count(database) == .integer(2))
        }
    }

    @Test func concurrentWritesFromManyTasksLoseNothing() async throws {
        let directory = try TemporaryDirectory(prefix: "sqlite-storage")
        defer { directory.remove() }
        let database = try SQLiteDatabase(path: directory.file("concurrent.sqlite"))
        try makeTable(database)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        try database.write { connection in
                            try connection.run(
                                "INSERT INTO t(id, note) VALUES (?, ?)",
                                .integer(Int64(task * 1_000 + index)),
                                "x"
                            )
                        }
                        if index % 50 == 0 {
                            _ = try database.read { try $0.scalar("SELECT count(*) FROM t") }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let summary = try database.read { try $0.query("SELECT count(*), count(DISTINCT id), sum(id) FROM t") }
        var expectedSum: Int64 = 0
        for task in 0..<8 {
            for index in 0..<200 {
                expectedSum += Int64(task * 1_000 + index)
            }
        }
        #expect(summary.first?.values == [.integer(1_600), .integer(1_600), .integer(expectedSum)])
    }
}
