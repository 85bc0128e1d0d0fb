import SQLiteStorage
import TestSupport

/// Runs `body` with a fresh database file in a fresh temporary directory, removed afterwards.
func withTemporaryDatabase<T>(
    options: SQLiteDatabase.Options = .init(),
    _ body: (SQLiteDatabase, TemporaryDirectory) throws -> T
) throws -> T {
    let directory = try TemporaryDirectory(prefix: "sqlite-storage")
    defer { directory.remove() }
    let database = try SQLiteDatabase(path: directory.file("test.sqlite"), options: options)
    return try body(database, directory)
}

/// Runs `body` with an empty temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
    let directory = try TemporaryDirectory(prefix: "sqlite-storage")
    defer { directory.remove() }
    return try body(directory)
}

/// An error type of the test's own, to check that closures' errors come back unchanged.
struct ProbeError: Error, Equatable {
    let id: Int
}

/// The three ways into a database, for tests that must hold for each.
enum AccessKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case write
    case read
    case withConnection

    var description: String { rawValue }

    /// Runs `body` through this kind of access.
    func run<T>(_ database: SQLiteDatabase, _ body: (Connection) throws -> T) throws -> T {
        switch self {
        case .write: try database.write(body)
        case .read: try database.read(body)
        case .withConnection: try database.withConnection(body)
        }
    }
}
