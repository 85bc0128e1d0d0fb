import SQLiteStorage
import Testing

@Suite struct ValueRoundTripTests {
    static let values: [SQLiteValue] = [
        .integer(0), .integer(-1), .integer(.max), .integer(.min),
        .real(0.1), .real(-0.0), .real(.greatestFiniteMagnitude), .real(.leastNonzeroMagnitude), .real(.infinity),
        .real(-.infinity),
        .text(""), .text("plain"), .text("Grüße, 日本語, emoji 🛰️, RTL עברית"), .text("nul\u{0}inside\u{0}"),
        .blob([]), .blob([0]), .blob([0, 0, 0]), .blob([0xFF, 0x00, 0x7F, 0x00, 0x80]),
        .blob((0...255).map { UInt8($0) }),
        .null,
    ]

    @Test(arguments: values)
    func roundTripsThroughRunAndQuery(value: SQLiteValue) throws {
        try withTemporaryDatabase { database, _ in
            let read = try database.write { connection in
                try connection.execute("CREATE TABLE t(v)")
                try connection.run("INSERT INTO t(v) VALUES (?)", value)
                return try connection.query("SELECT v FROM t")
            }
            #expect(read.count == 1)
            #expect(read.first?.values == [value])
            if case .real(let real) = value {
                // -0.0 == 0.0, so compare the bits as well.
                #expect(try read.first?[0].double?.bitPattern == real.bitPattern)
            }
        }
    }

    @Test(arguments: values)
    func roundTripsThroughStatementTypedAccessors(value: SQLiteValue) throws {
        try withTemporaryDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE t(v)")
                let insert = try connection.statement("INSERT INTO t(v) VALUES (?)")
                switch value {
                case .integer(let integer): try insert.bind(integer, at: 1)
                case .real(let real): try insert.bind(real, at: 1)
                case .text(let text): try insert.bind(text, at: 1)
                case .blob(let bytes): try insert.bind(bytes, at: 1)
                case .null: try insert.bind(nil, at: 1)
                }
                #expect(try insert.step() == false)

                let select = try connection.statement("SELECT v FROM t")
                #expect(try select.step())
                #expect(try select.value(at: 0) == value)
                #expect(try select.isNull(at: 0) == (value == .null))
                switch value {
                case .integer(let integer): #expect(try select.int64(at: 0) == integer)
                case .real(let real): #expect(try select.double(at: 0).bitPattern == real.bitPattern)
                case .text(let text): #expect(try select.string(at: 0) == text)
                case .blob(let bytes): #expect(try select.blob(at: 0) == bytes)
                case .null: break
                }
                #expect(try select.step() == false)
            }
        }
    }

    @Test func bindsIntAndReadsIntegerWidenedToDouble() throws {
        try withTemporaryDatabase { database, _ in
            try database.write { connection in
                let select = try connection.statement("SELECT ?")
                try select.bind(Int(-123_456_789), at: 1)
                #expect(try select.step())
                #expect(try select.int64(at: 0) == -123_456_789)
                #expect(try select.double(at: 0) == -123_456_789.0)
            }
        }
    }

    @Test func literalsMapToStorageClasses() {
        let values: [SQLiteValue] = [1, 2.5, "x", true, false, nil]
        #expect(values == [.integer(1), .real(2.5), .text("x"), .integer(1), .integer(0), .null])
    }

    @Test func accessorsReturnNilForOtherStorageClasses() {
        #expect(SQLiteValue.text("1").int64 == nil)
        #expect(SQLiteValue.integer(1).string == nil)
        #expect(SQLiteValue.blob([]).string == nil)
        #expect(SQLiteValue.null.blob == nil)
        #expect(SQLiteValue.integer(3).double == 3)
        #expect(SQLiteValue.null.isNull)
    }

    @Test func rowReadsByIndexAndName() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let rows = try database.read { try $0.query("SELECT 1 AS id, 'a' AS Name, NULL AS gone") }
        let row = try #require(rows.first)
        #expect(row.columnNames == ["id", "Name", "gone"])
        #expect(try row[0] == .integer(1))
        #expect(try row["id"] == .integer(1))
        #expect(try row["Name"] == .text("a"))
        #expect(try row["name"] == .text("a"))
        #expect(try row["gone"] == .null)
    }

    @Test(arguments: [-1, 3, Int.max])
    func rowRefusesColumnIndexOutOfRange(index: Int) throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let row = try #require(try database.read { try $0.query("SELECT 1, 2, 3") }.first)
        let error = #expect(throws: SQLiteError.self) { try row[index] }
        #expect(error?.code == .range)
    }

    @Test func rowRefusesUnknownColumnName() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let row = try #require(try database.read { try $0.query("SELECT 1 AS id") }.first)
        let error = #expect(throws: SQLiteError.self) { try row["identifier"] }
        #expect(error?.code == .range)
        #expect(error?.message.contains("identifier") == true)
    }
}
