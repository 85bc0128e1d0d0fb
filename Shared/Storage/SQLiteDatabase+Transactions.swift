internal import CSQLite

extension SQLiteDatabase {
    /// Runs `body` in a `BEGIN IMMEDIATE` transaction and commits it when `body` returns.
    ///
    /// The write lock is taken up front, so a concurrent writer in another process makes this wait up to the busy
    /// timeout and then fail with `.busy` before `body` runs, never halfway through. When `body` throws, the
    /// transaction is rolled back and `body`'s error is rethrown unchanged. Throws `.misuse` when called from inside
    /// another closure of this database, or when the transaction was ended inside `body` (by a `COMMIT` or
    /// `ROLLBACK` it ran, or by an error after which SQLite rolled back on its own and `body` carried on); in that
    /// case whatever ran after the end is not atomic with the rest. A failing `COMMIT` (`.full`, `.ioError`,
    /// `.busy`) is rolled back and thrown.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try access { connection in
            try connection.run("BEGIN IMMEDIATE TRANSACTION")
            let result = try Self.finishTransaction(connection, after: body)
            try Self.commit(connection)
            return result
        }
    }

    /// Runs `body` in a deferred transaction, so every query in it sees the same snapshot of the database.
    ///
    /// A read must not write: when `body` wrote anything, its changes are rolled back and `.readOnly` is thrown.
    /// Otherwise throws as `write` does.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try access { connection in
            try connection.run("BEGIN DEFERRED TRANSACTION")
            let result = try Self.finishTransaction(connection, after: body)
            guard sqlite3_txn_state(connection.handle.pointer, nil) != SQLITE_TXN_WRITE else {
                connection.handle.rollbackIfOpen()
                let message = "the read closure wrote to the database; its changes were rolled back (use write)"
                throw SQLiteError(code: .readOnly, message: message, path: path)
            }
            try Self.commit(connection)
            return result
        }
    }

    /// Runs `body` with the connection and no transaction around it: each statement commits on its own unless
    /// `body` opens a transaction itself.
    ///
    /// Such a transaction must end inside `body`: one left open is rolled back and `.misuse` is thrown. When `body`
    /// throws, an open transaction is rolled back and the error rethrown unchanged. Throws `.misuse` when called
    /// from inside another closure of this database.
    @discardableResult
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try access { connection in
            let handle = connection.handle
            let result: T
            do {
                result = try body(connection)
            } catch {
                handle.resetBusyStatements()
                handle.rollbackIfOpen()
                throw error
            }
            guard handle.isAutocommit else {
                handle.resetBusyStatements()
                handle.rollbackIfOpen()
                let message = "the withConnection closure left a transaction open; it was rolled back"
                throw SQLiteError(code: .misuse, message: message, path: path)
            }
            return result
        }
    }

    /// Runs `body` inside the open transaction; on a throw, rolls back and rethrows. On return, checks that the
    /// transaction is still open.
    private static func finishTransaction<T>(_ connection: Connection, after body: (Connection) throws -> T) throws -> T
    {
        let handle = connection.handle
        let result: T
        do {
            result = try body(connection)
        } catch {
            handle.resetBusyStatements()
            handle.rollbackIfOpen()
            throw error
        }
        // Statements left mid-iteration would hold their read snapshot past the transaction.
        handle.resetBusyStatements()
        guard !handle.isAutocommit else {
            let message =
                "the transaction ended inside the closure (by COMMIT/ROLLBACK, or by an error SQLite "
                + "rolled back on its own); statements after that point ran outside any transaction"
            throw SQLiteError(code: .misuse, message: message, path: handle.path)
        }
        return result
    }

    private static func commit(_ connection: Connection) throws(SQLiteError) {
        do throws(SQLiteError) {
            try connection.run("COMMIT TRANSACTION")
        } catch {
            connection.handle.rollbackIfOpen()
            throw error
        }
    }
}
