import SQLiteStorage
import Testing

@Suite struct StatementTests {
    @Test func cachedStatementIsReusedWithBindingsCleared() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let first = try connection.statement("SELECT ?")
            try first.bind("bound", at: 1)
            #expect(try first.step())
            let second = try connection.statement("SELECT ?")
            #expect(first === second)
            #expect(try second.step())
            #expect(try second.value(at: 0) == .null)
        }
        // And across closures.
        try database.withConnection { connection in
            let again = try connection.statement("SELECT ?")
            #expect(try again.parameterCount == 1)
            #expect(try again.step())
            #expect(try again.isNull(at: 0))
        }
    }

    @Test func hotLoopBindStepResetInsertsEveryRow() throws {
        try withTemporaryDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE samples(device INTEGER, ts INTEGER, value REAL)") }
            let rows = 200_000
            let elapsed = try ContinuousClock().measure {
                try database.write { connection in
                    let insert = try connection.statement("INSERT INTO samples(device, ts, value) VALUES (?, ?, ?)")
                    for index in 0..<rows {
                        try insert.bind(index % 16, at: 1)
                        try insert.bind(Int64(index), at: 2)
                        try insert.bind(Double(index) * 0.5, at: 3)
                        _ = try insert.step()
                        try insert.reset()
                    }
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            // A measurement for the log, not an assertion: timings are not asserted.
            print("hot insert loop: \(rows) rows in \(seconds) s = \(Int(Double(rows) / seconds)) rows/s")

            let summary = try database.read {
                try $0.query("SELECT count(*), sum(ts), sum(value), count(DISTINCT device) FROM samples")
            }
            let expectedSum = Int64(rows) * Int64(rows - 1) / 2
            #expect(
                summary.first?.values == [
                    .integer(Int64(rows)), .integer(expectedSum), .real(Double(expectedSum) / 2), .integer(16),
                ]
            )
        }
    }

    @Test func runReturnsRowsChangedAndZeroForOtherStatements() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.write { connection in
            #expect(try connection.run("CREATE TABLE t(x)") == 0)
            #expect(try connection.run("INSERT INTO t VALUES (1), (2), (3)") == 3)
            #expect(try connection.run("UPDATE t SET x = x + 1 WHERE x > ?", 1) == 2)
            #expect(try connection.changes == 2)
            #expect(try connection.run("SELECT * FROM t") == 0)
            #expect(try connection.run("CREATE INDEX t_x ON t(x)") == 0)
            #expect(try connection.run("DELETE FROM t") == 3)
            #expect(try connection.totalChanges == 8)
            try connection.run("INSERT INTO t VALUES (?)", bindings: [9])
            #expect(try connection.lastInsertRowID == 1)
        }
    }

    @Test func scalarReturnsNilForNoRowAndNullForNullValue() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            try connection.execute("CREATE TABLE t(x)")
            #expect(try connection.scalar("SELECT x FROM t") == nil)
            #expect(try connection.scalar("SELECT NULL") == .null)
            #expect(try connection.scalar("SELECT ? + ?", 2, 3) == .integer(5))
        }
    }

    @Test func executeRunsScriptsWithCommentsAndNamesTheFailingStatement() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            try connection.execute(
                """
                -- a comment
                CREATE TABLE t(x); INSERT INTO t VALUES (1);
                /* another */ INSERT INTO t VALUES (2);;
                """
            )
            #expect(try connection.scalar("SELECT sum(x) FROM t") == .integer(3))
            let error = #expect(throws: SQLiteError.self) {
                try connection.execute(
                    "INSERT INTO t VALUES (3); INSERT INTO missing VALUES (4); INSERT INTO t VALUES (5);"
                )
            }
            #expect(error?.code == .error)
            #expect(error?.sql?.hasPrefix("INSERT INTO missing VALUES (4);") == true)
            #expect(try connection.scalar("SELECT sum(x) FROM t") == .integer(6))
        }
    }

    @Test(arguments: [0, 3, -1, Int(Int32.max) + 1])
    func bindRefusesParameterIndexOutOfRange(index: Int) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT ?, ?")
            let error = #expect(throws: SQLiteError.self) { try statement.bind(1, at: index) }
            #expect(error?.code == .range)
            #expect(error?.sql == "SELECT ?, ?")
        }
    }

    @Test(arguments: [-1, 2, Int.max])
    func columnGettersRefuseIndexOutOfRange(index: Int) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT 1, 2")
            #expect(try statement.step())
            let error = #expect(throws: SQLiteError.self) { try statement.int64(at: index) }
            #expect(error?.code == .range)
            #expect(throws: SQLiteError.self) { try statement.columnName(at: index) }
        }
    }

    @Test func columnGettersRefuseReadsWithoutCurrentRow() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT 1")
            let beforeStep = #expect(throws: SQLiteError.self) { try statement.int64(at: 0) }
            #expect(beforeStep?.code == .misuse)
            #expect(try statement.step())
            #expect(try statement.step() == false)
            let afterDone = #expect(throws: SQLiteError.self) { try statement.value(at: 0) }
            #expect(afterDone?.code == .misuse)
        }
    }

    @Test(arguments: ["NULL", "'12'", "1.5", "x'00'"])
    func int64RefusesOtherStorageClasses(expression: String) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT \(expression) AS v")
            #expect(try statement.step())
            let error = #expect(throws: SQLiteError.self) { try statement.int64(at: 0) }
            #expect(error?.code == .mismatch)
            #expect(error?.message.contains("(v)") == true)
        }
    }

    @Test func typedGettersRefuseMismatchedStorageClasses() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT 'text', 1, NULL")
            #expect(try statement.step())
            #expect(throws: SQLiteError.self) { try statement.double(at: 0) }
            #expect(throws: SQLiteError.self) { try statement.blob(at: 0) }
            #expect(throws: SQLiteError.self) { try statement.string(at: 1) }
            #expect(throws: SQLiteError.self) { try statement.string(at: 2) }
        }
    }

    @Test func bindAfterStepWithoutResetIsMisuse() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let statement = try connection.statement("SELECT ?")
            try statement.bind(1, at: 1)
            #expect(try statement.step())
            let error = #expect(throws: SQLiteError.self) { try statement.bind(2, at: 1) }
            #expect(error?.code == .misuse)
            try statement.reset()
            try statement.bind(2, at: 1)
            #expect(try statement.step())
            #expect(try statement.int64(at: 0) == 2)
        }
    }

    @Test(arguments: [[], [1], [1, 2, 3]] as [[SQLiteValue]])
    func runRefusesWrongNumberOfBindings(bindings: [SQLiteValue]) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let error = #expect(throws: SQLiteError.self) { try connection.run("SELECT ?, ?", bindings: bindings) }
            #expect(error?.code == .range)
            #expect(error?.message == "\(bindings.count) bindings given for 2 parameters")
        }
    }

    @Test(arguments: ["", "   ", "-- only a comment", ";"])
    func runRefusesTextWithoutStatement(sql: String) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let error = #expect(throws: SQLiteError.self) { try connection.run(sql) }
            #expect(error?.code == .misuse)
        }
    }

    @Test(arguments: ["SELECT 1; SELECT 2", "SELECT 1; garbage", "SELECT 1; -- fine\n SELECT 2"])
    func runRefusesMoreThanOneStatement(sql: String) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            let error = #expect(throws: SQLiteError.self) { try connection.query(sql) }
            #expect(error?.code == .misuse)
            #expect(error?.message.contains("execute") == true)
        }
    }

    @Test(arguments: ["SELECT 1;", "SELECT 1; -- trailing comment", "SELECT 1 ;  ; "])
    func runAcceptsTrailingSemicolonsAndComments(sql: String) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let rows = try database.withConnection { try $0.query(sql) }
        #expect(rows.map(\.values) == [[.integer(1)]])
    }

    @Test func refusesSQLWithNULByte() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.withConnection { connection in
            try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);")
            // SQLite would stop at the NUL and delete every row.
            let error = #expect(throws: SQLiteError.self) { try connection.run("DELETE FROM t\u{0} WHERE x = 1") }
            #expect(error?.code == .misuse)
            #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM t\u{0} WHERE x = 1") }
            #expect(try connection.scalar("SELECT count(*) FROM t") == .integer(2))
        }
    }

    @Test func syntaxErrorNamesTheSQL() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let error = #expect(throws: SQLiteError.self) {
            try database.withConnection { try $0.query("SELEC 1") }
        }
        #expect(error?.code == .error)
        #expect(error?.description == "SQLite error 1 (error, near \"SELEC\": syntax error) in \"SELEC 1\" on :memory:")
    }
}
